package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The typed views of parsed data. */
class Gs1DataTest {

  private static final String GTIN = "(01)09506000134352";

  @Test
  void netWeightCarriesItsDecimalPointInTheAi() {
    Gs1Data data = Gs1.parse(GTIN + "(3103)000500");

    assertThat(data.decimal("3103")).contains(new BigDecimal("0.500"));
    assertThat(data.decimal("3102")).isEmpty();
  }

  @Test
  void amountPayableIsTheNumberAfterTheCurrency() {
    Gs1Data data = Gs1.parse("(8020)INV1(415)9506000000008(3912)97812345");

    assertThat(data.decimal("3912")).contains(new BigDecimal("123.45"));
    assertThat(data.value("3912")).contains("97812345");
  }

  @Test
  void decimalIsOnlyForMeasuresAndAmounts() {
    Gs1Data data = Gs1.parse(GTIN + "(10)123");

    assertThatThrownBy(() -> data.decimal("10")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsDatesWithTheCenturyRule() {
    Gs1Data data = Gs1.parse(GTIN + "(11)240101(15)251231(17)260600");

    assertThat(data.productionDate()).contains(LocalDate.of(2024, 1, 1));
    assertThat(data.bestBefore()).contains(LocalDate.of(2025, 12, 31));
    assertThat(data.expiry()).contains(LocalDate.of(2026, 6, 30));
  }

  @Test
  void countComesFromVariableCountWhenNoLogisticCount() {
    assertThat(Gs1.parse(GTIN + "(30)12").count()).hasValue(12);
    assertThat(Gs1.parse(GTIN).count()).isEmpty();
  }

  @Test
  void absentElementsAreEmpty() {
    Gs1Data data = Gs1.parse(GTIN);

    assertThat(data.sscc()).isEmpty();
    assertThat(data.lot()).isEmpty();
    assertThat(data.serial()).isEmpty();
    assertThat(data.expiry()).isEmpty();
    assertThat(data.plainText()).isEmpty();
  }

  @Test
  void elementsKnowTheirDictionaryTitle() {
    assertThat(new Element("17", "201225").title()).isEqualTo("USE BY or EXPIRY");
    assertThat(new Element("8110", "x").title()).isEmpty();
    assertThat(new Element("23", "x").title()).isEmpty();
  }

  @Test
  void sameDataFromTheSameFormIsEqual() {
    assertThat(Gs1.parse(GTIN + "(10)A"))
        .isEqualTo(Gs1.parse(GTIN + "(10)A"))
        .hasSameHashCodeAs(Gs1.parse(GTIN + "(10)A"))
        .isNotEqualTo(Gs1.parse("0109506000134352" + "10A"));
  }

  @Test
  void elementsAreImmutable() {
    Gs1Data data = Gs1.parse(GTIN);

    assertThatThrownBy(() -> data.elements().add(new Element("10", "X")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
