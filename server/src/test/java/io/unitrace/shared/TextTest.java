package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextTest {

  @Test
  void aNameWithinItsLimitPassesUnchanged() {
    assertThat(Text.line("name", "North side", 10)).isEqualTo("North side");
    assertThat(Text.line("name", null, 10)).isNull();
  }

  @Test
  void aNameOverItsLimitIsRefusedNamingFieldAndLimit() {
    assertThatThrownBy(() -> Text.line("device", "d".repeat(121), 120))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.status()).isEqualTo(400);
              assertThat(p.code()).isEqualTo("too-long");
              assertThat(p.field()).isEqualTo("device");
              assertThat(p.extras()).containsEntry("limit", 120);
              assertThat(p.getMessage()).contains("120").contains("121");
            });
  }

  @Test
  void aNameHoldsNoControlCharacterNotEvenTabOrNewline() {
    for (String bad :
        List.of("a\u0000b", "a\tb", "a\nb", "a\rb", "a\u001db", "a\u007fb", "a\u0085b")) {
      assertThatThrownBy(() -> Text.line("code", bad, 40))
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.code()).isEqualTo("control-character");
                assertThat(p.field()).isEqualTo("code");
                assertThat(p.getMessage()).contains("position 2");
              });
    }
  }

  @Test
  void freeTextKeepsTabAndLineBreaksButNoOtherControlCharacter() {
    assertThat(Text.free("reason", "one\ttwo\r\nthree", 100)).isEqualTo("one\ttwo\r\nthree");
    assertThatThrownBy(() -> Text.free("reason", "ring\u0007", 100))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("control-character"));
    assertThatThrownBy(() -> Text.free("reason", "x".repeat(101), 100))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("too-long"));
  }

  @Test
  void rawTextKeepsGroupSeparatorsButNotNul() {
    assertThat(Text.raw("scan", "]d2010950600013435221AB\u001d10LOT", 100)).contains("\u001d");
    assertThatThrownBy(() -> Text.raw("scan", "01\u0000", 100))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("control-character"));
  }

  @Test
  void aNullInsideAListIsNamedByItsIndex() {
    assertThat(Text.noNulls("units", List.of("a"))).containsExactly("a");
    assertThat(Text.<String>noNulls("units", null)).isNull();
    assertThatThrownBy(() -> Text.noNulls("units", Arrays.asList("a", "b", null)))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("missing-value");
              assertThat(p.field()).isEqualTo("units[2]");
            });
  }

  @Test
  void aNullValueInsideAMapIsNamedByItsKey() {
    Map<String, String> fields = new HashMap<>();
    fields.put("imei", null);
    assertThatThrownBy(() -> Text.noNullValues("customFields", fields))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.field()).isEqualTo("customFields.imei"));
    assertThat(Text.noNullValues("customFields", Map.of("imei", "1"))).containsKey("imei");
  }
}
