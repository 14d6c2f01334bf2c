package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JSON the command line and the server's parse endpoint both answer with. */
class Gs1JsonTest {

  @Test
  void writesValidDataWithAllCanonicalForms() {
    String json = Gs1Json.toJson(Gs1.parse("]d20109506000134352" + "10AB\"C\u001d21X"));

    assertThat(json)
        .isEqualTo(
            "{\"valid\":true,\"form\":\"AIM_GS1\",\"elements\":["
                + "{\"ai\":\"01\",\"title\":\"GTIN\",\"value\":\"09506000134352\"},"
                + "{\"ai\":\"10\",\"title\":\"BATCH/LOT\",\"value\":\"AB\\\"C\"},"
                + "{\"ai\":\"21\",\"title\":\"SERIAL\",\"value\":\"X\"}],"
                + "\"bracketed\":\"(01)09506000134352(10)AB\\\"C(21)X\","
                + "\"raw\":\"010950600013435210AB\\\"C\\u001d21X\","
                + "\"digitalLink\":\"https://id.gs1.org/01/09506000134352/10/AB%22C/21/X\"}");
  }

  @Test
  void digitalLinkIsNullWhenThereIsNoPrimaryKey() {
    assertThat(Gs1Json.toJson(Gs1.parse("(400)PO-1234"))).endsWith(",\"digitalLink\":null}");
  }

  @Test
  void writesPlainTextScans() {
    assertThat(Gs1Json.toJson(Gs1.parse("]Q1Hello\tworld")))
        .isEqualTo(
            "{\"valid\":true,\"form\":\"PLAIN\",\"elements\":[],\"bracketed\":null,\"raw\":null,"
                + "\"digitalLink\":null,\"plainText\":\"Hello\\tworld\"}");
  }

  @Test
  void writesErrors() {
    try {
      Gs1.parse("(01)09506000134353");
    } catch (Gs1SyntaxException e) {
      assertThat(Gs1Json.toJson(e))
          .isEqualTo(
              "{\"valid\":false,\"error\":{\"code\":\"check-digit\",\"ai\":\"01\","
                  + "\"component\":1,\"position\":17,\"message\":\"(01) check digit is 3 but should be 2\"}}");
      return;
    }
    throw new AssertionError("expected a check digit error");
  }

  @Test
  void errorWithoutAiHasNullAi() {
    try {
      Gs1.parse("]X9foo");
    } catch (Gs1SyntaxException e) {
      assertThat(Gs1Json.toJson(e))
          .contains(
              "\"code\":\"unsupported-symbology\",\"ai\":null,\"component\":0,\"position\":0");
      return;
    }
    throw new AssertionError("expected an error");
  }
}
