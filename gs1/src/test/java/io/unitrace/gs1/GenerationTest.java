package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing GS1 data for labels, validated the same way as reading. */
class GenerationTest {

  @Test
  void buildsTheBracketedElementStringForALabel() {
    String label =
        Gs1.elementString(
            List.of(
                new Element("01", "09506000134352"),
                new Element("17", "201225"),
                new Element("10", "ABC(1)")));

    assertThat(label).isEqualTo("(01)09506000134352(17)201225(10)ABC\\(1)");
  }

  @Test
  void refusesToPrintAnInvalidCheckDigit() {
    assertThatThrownBy(() -> Gs1.elementString(List.of(new Element("01", "09506000134353"))))
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).isEqualTo("check-digit");
              assertThat(e.position()).isEqualTo(17);
            });
  }

  @Test
  void refusesToPrintALotWithoutItsGtin() {
    assertThatThrownBy(() -> Gs1.elementString(List.of(new Element("10", "ABC"))))
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class, e -> assertThat(e.code()).isEqualTo("missing-required-ai"));
  }

  @Test
  void refusesBackslashesThatWouldCorruptTheBrackets() {
    assertThatThrownBy(
            () ->
                Gs1.elementString(
                    List.of(
                        new Element("01", "09506000134352"),
                        new Element("10", "AB\\"),
                        new Element("21", "X"))))
        .isInstanceOfSatisfying(
            Gs1SyntaxException.class,
            e -> {
              assertThat(e.code()).isEqualTo("charset");
              assertThat(e.ai()).isEqualTo("10");
            });
  }

  @Test
  void refusesAnEmptyElementList() {
    assertThatThrownBy(() -> Gs1.elementString(List.of()))
        .hasFieldOrPropertyWithValue("code", "empty");
  }

  @Test
  void buildsDigitalLinkOnACustomResolver() {
    String link =
        Gs1.digitalLink(
            List.of(
                new Element("00", "106141411234567897"),
                new Element("02", "09506000134352"),
                new Element("37", "48")),
            "https://dl.unitrace.example/");

    assertThat(link)
        .isEqualTo("https://dl.unitrace.example/00/106141411234567897?02=09506000134352&37=48");
  }

  @Test
  void glnCarriesACheckDigit() {
    assertThat(Gln.withCheckDigit("950600000000")).isEqualTo(new Gln("9506000000008"));
    assertThatThrownBy(() -> new Gln("9506000000009")).hasMessageContaining("expected 8");
    assertThatThrownBy(() -> new Gln("95060000")).isInstanceOf(IllegalArgumentException.class);
  }
}
