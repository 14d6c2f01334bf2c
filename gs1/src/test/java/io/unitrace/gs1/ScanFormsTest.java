package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.gs1.Gs1Data.Form;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every input form through the one entry point, with the worked examples of the GS1 standards. */
class ScanFormsTest {

  private static final List<Element> GTIN_EXPIRY_LOT_SERIAL =
      List.of(
          new Element("01", "09506000134352"), new Element("17", "201225"),
          new Element("10", "ABC123"), new Element("21", "XYZ"));

  @Test
  void readsTheGeneralSpecificationsBracketedExample() {
    Gs1Data data = Gs1.parse("(01)09506000134352(17)201225(10)ABC123(21)XYZ");

    assertThat(data.form()).isEqualTo(Form.BRACKETED);
    assertThat(data.elements()).containsExactlyElementsOf(GTIN_EXPIRY_LOT_SERIAL);
    assertThat(data.gtin()).contains(new Gtin("09506000134352"));
    assertThat(data.expiry()).contains(LocalDate.of(2020, 12, 25));
    assertThat(data.lot()).contains("ABC123");
    assertThat(data.serial()).contains("XYZ");
  }

  @Test
  void readsRawElementStringWithGroupSeparators() {
    Gs1Data data = Gs1.parse("010950600013435217201225" + "10ABC123\u001d21XYZ");

    assertThat(data.form()).isEqualTo(Form.RAW);
    assertThat(data.elements()).containsExactlyElementsOf(GTIN_EXPIRY_LOT_SERIAL);
  }

  @Test
  void predefinedLengthAisNeedNoSeparatorButTolerateOne() {
    Gs1Data withoutSeparator = Gs1.parse("010950600013435217201225" + "10ABC123");
    Gs1Data withSeparators = Gs1.parse("\u001d0109506000134352\u001d17201225\u001d10ABC123\u001d");

    assertThat(withoutSeparator.elements()).isEqualTo(withSeparators.elements());
    assertThat(withSeparators.value("10")).contains("ABC123");
  }

  @Test
  void variableLengthValueRunsToTheEndOfData() {
    assertThat(Gs1.parse("0109506000134352" + "21XYZ" + "10ABC").serial()).contains("XYZ10ABC");
  }

  @Test
  void acceptsTheLoggedTextBackslashX1dAsGroupSeparator() {
    Gs1Data data = Gs1.parse("]d2010950600013435217201225" + "10ABC123\\x1d21XYZ");

    assertThat(data.elements()).containsExactlyElementsOf(GTIN_EXPIRY_LOT_SERIAL);
    assertThat(Gs1.parse("010950600013435210ABC123\\x1D21XYZ").serial()).contains("XYZ");
  }

  @Test
  void readsEveryGs1AimSymbologyIdentifier() {
    for (String aim : List.of("]d2", "]C1", "]Q3", "]e0", "]J1")) {
      Gs1Data data = Gs1.parse(aim + "010950600013435217201225" + "10ABC123\u001d21XYZ");

      assertThat(data.form()).as(aim).isEqualTo(Form.AIM_GS1);
      assertThat(data.elements()).as(aim).containsExactlyElementsOf(GTIN_EXPIRY_LOT_SERIAL);
    }
  }

  @Test
  void readsDigitalLinkBehindPlainDataMatrixAndQrIdentifiers() {
    for (String aim : List.of("]d1", "]Q1")) {
      Gs1Data data =
          Gs1.parse(aim + "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225");

      assertThat(data.form()).isEqualTo(Form.DIGITAL_LINK);
      assertThat(data.elements()).containsExactlyInAnyOrderElementsOf(GTIN_EXPIRY_LOT_SERIAL);
    }
  }

  @Test
  void returnsOtherPlainDataAsText() {
    Gs1Data url = Gs1.parse("]Q1https://example.com/menu?table=4");
    Gs1Data text = Gs1.parse("]d1Hello warehouse");

    assertThat(url.form()).isEqualTo(Form.PLAIN);
    assertThat(url.plainText()).contains("https://example.com/menu?table=4");
    assertThat(url.elements()).isEmpty();
    assertThat(text.plainText()).contains("Hello warehouse");
    assertThatThrownBy(text::toBracketed).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesUnknownSymbologyIdentifiers() {
    assertThatThrownBy(() -> Gs1.parse("]A0ABC"))
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unsupported-symbology");
              assertThat(e.position()).isZero();
            });
  }

  @Test
  void readsTheDigitalLinkStandardExample() {
    Gs1Data data = Gs1.parse("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225");

    assertThat(data.form()).isEqualTo(Form.DIGITAL_LINK);
    assertThat(data.elements())
        .containsExactly(
            new Element("01", "09506000134352"), new Element("10", "ABC123"),
            new Element("21", "XYZ"), new Element("17", "201225"));
  }

  @Test
  void readsBareGtinsOfEveryLengthAsAi01() {
    assertThat(Gs1.parse("9506000134352").elements())
        .containsExactly(new Element("01", "09506000134352"));
    assertThat(Gs1.parse("09506000134352").gtin()).contains(new Gtin("09506000134352"));
    assertThat(Gs1.parse("012345678905").gtin()).contains(new Gtin("00012345678905"));
    assertThat(Gs1.parse("95060002").gtin()).contains(new Gtin("00000095060002"));
    assertThat(Gs1.parse("9506000134352").form()).isEqualTo(Form.BARE_GTIN);
  }

  @Test
  void readsEanAndItfScansAsBareGtins() {
    assertThat(Gs1.parse("]E09506000134352").gtin()).contains(new Gtin("09506000134352"));
    assertThat(Gs1.parse("]E495060002").gtin()).contains(new Gtin("00000095060002"));
    assertThat(Gs1.parse("]I109506000134352").form()).isEqualTo(Form.BARE_GTIN);
  }

  @Test
  void readsTheGeneralSpecificationsSsccExampleBracketedAndBare() {
    Gs1Data bracketed = Gs1.parse("(00)106141411234567897");
    Gs1Data bare = Gs1.parse("106141411234567897");

    assertThat(bracketed.sscc()).contains(new Sscc("106141411234567897"));
    assertThat(bare.form()).isEqualTo(Form.BARE_SSCC);
    assertThat(bare.elements()).isEqualTo(bracketed.elements());
  }

  @Test
  void rejectsBareGtinWithWrongCheckDigit() {
    assertThatThrownBy(() -> Gs1.parse("9506000134353"))
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).isEqualTo("check-digit");
              assertThat(e.ai()).isEqualTo("01");
              assertThat(e.position()).isEqualTo(12);
            });
  }

  @Test
  void bracketedValuesMayCarryEscapedParentheses() {
    Gs1Data data = Gs1.parse("(01)09506000134352(10)AB\\(1\\)C");

    assertThat(data.lot()).contains("AB(1)C");
    assertThat(data.toBracketed()).isEqualTo("(01)09506000134352(10)AB\\(1)C");
    assertThat(Gs1.parse(data.toBracketed()).lot()).contains("AB(1)C");
  }

  @Test
  void acceptsEightDigitNumericLots() {
    assertThat(Gs1.parse("(01)09506000134352(10)12345678").lot()).contains("12345678");
  }

  @Test
  void ignoresTheLineEndAKeyboardWedgeScannerAppends() {
    assertThat(Gs1.parse("(01)09506000134352\r\n").gtin()).contains(new Gtin("09506000134352"));
  }

  @Test
  void rejectsEmptyInput() {
    assertThatThrownBy(() -> Gs1.parse("")).hasFieldOrPropertyWithValue("code", "empty");
    assertThatThrownBy(() -> Gs1.parse("]d2")).hasFieldOrPropertyWithValue("code", "empty");
  }

  @Test
  void writesTheCanonicalForms() {
    Gs1Data data = Gs1.parse("]d2010950600013435217201225" + "10ABC123\u001d21XYZ");

    assertThat(data.toBracketed()).isEqualTo("(01)09506000134352(17)201225(10)ABC123(21)XYZ");
    assertThat(data.toRaw()).isEqualTo("010950600013435217201225" + "10ABC123\u001d21XYZ");
    assertThat(data.toDigitalLink())
        .isEqualTo("https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225");
    assertThat(data.toDigitalLink("https://example.com/dl/"))
        .isEqualTo("https://example.com/dl/01/09506000134352/10/ABC123/21/XYZ?17=201225");
  }

  @Test
  void rawFormPutsNoSeparatorAfterTheLastValue() {
    assertThat(Gs1.parse("(01)09506000134352(10)ABC123").toRaw())
        .isEqualTo("010950600013435210ABC123");
    assertThat(Gs1.parse("(10)ABC(01)09506000134352").toRaw())
        .isEqualTo("10ABC\u001d0109506000134352");
  }
}
