package io.unitrace.gs1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GS1 General Specifications 7.12: which century a two-digit year belongs to. */
class CenturyRuleTest {

  @Test
  void yearsUpTo50AheadStayInTheCurrentCentury() {
    assertThat(CenturyRule.fullYear(25, 2025)).isEqualTo(2025);
    assertThat(CenturyRule.fullYear(75, 2025)).isEqualTo(2075);
  }

  @Test
  void yearsMoreThan50AheadBelongToThePreviousCentury() {
    assertThat(CenturyRule.fullYear(76, 2025)).isEqualTo(1976);
    assertThat(CenturyRule.fullYear(99, 2025)).isEqualTo(1999);
  }

  @Test
  void yearsFiftyOrMoreBehindBelongToTheNextCentury() {
    assertThat(CenturyRule.fullYear(10, 2060)).isEqualTo(2110);
    assertThat(CenturyRule.fullYear(11, 2060)).isEqualTo(2011);
    assertThat(CenturyRule.fullYear(0, 2099)).isEqualTo(2100);
  }

  @Test
  void dayZeroMeansTheLastDayOfTheMonth() {
    assertThat(CenturyRule.toLocalDate("240200")).hasYear(2024).hasMonthValue(2).hasDayOfMonth(29);
    assertThat(CenturyRule.toLocalDate("250400")).hasDayOfMonth(30);
  }
}
