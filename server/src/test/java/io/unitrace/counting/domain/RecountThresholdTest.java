package io.unitrace.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecountThresholdTest {

  static final String GTIN = "09506000134352";

  private static Discrepancy unit(DiscrepancyKind kind) {
    return Discrepancy.unit(kind, Correction.REVIEW, GTIN, "S1", 1, 0, null, null);
  }

  private static Discrepancy goods(DiscrepancyKind kind, long expected, long counted) {
    return Discrepancy.goods(kind, Correction.ADJUST_STOCK, 7, "L1", null, expected, counted);
  }

  @Test
  void byDefaultAnyMissingUnknownOrWrongLotRequiresARecount() {
    for (DiscrepancyKind k :
        List.of(DiscrepancyKind.MISSING, DiscrepancyKind.UNKNOWN, DiscrepancyKind.WRONG_LOT)) {
      assertThat(RecountThreshold.DEFAULT.requiresRecount(List.of(unit(k)), 1000))
          .as(k.name())
          .isTrue();
    }
  }

  @Test
  void aUnitScannedOnTheShelfNeverRequiresARecount() {
    assertThat(
            RecountThreshold.DEFAULT.requiresRecount(
                List.of(unit(DiscrepancyKind.MISPLACED), unit(DiscrepancyKind.FOUND_NOT_IN_STOCK)),
                0))
        .isFalse();
    assertThat(RecountThreshold.DEFAULT.requiresRecount(List.of(), 0)).isFalse();
  }

  @Test
  void byDefaultAQuantityVarianceRequiresARecountOnlyOverFivePercent() {
    // 5 of 100 is 5 %: not over; 6 of 100 is.
    assertThat(
            RecountThreshold.DEFAULT.requiresRecount(
                List.of(goods(DiscrepancyKind.SHORT, 100, 95)), 100))
        .isFalse();
    assertThat(
            RecountThreshold.DEFAULT.requiresRecount(
                List.of(goods(DiscrepancyKind.OVER, 100, 106)), 100))
        .isTrue();
    // Variances of a location add up, whichever way they go: 3 over and 3 short of 100 is 6 %.
    assertThat(
            RecountThreshold.DEFAULT.requiresRecount(
                List.of(goods(DiscrepancyKind.OVER, 50, 53), goods(DiscrepancyKind.SHORT, 50, 47)),
                100))
        .isTrue();
  }

  @Test
  void goodsFoundWhereTheBooksHadNoneAreAboveAnyPercentage() {
    assertThat(
            new RecountThreshold(false, null, 100)
                .requiresRecount(List.of(goods(DiscrepancyKind.OVER, 0, 1)), 0))
        .isTrue();
  }

  @Test
  void aUnitLimitAndAPercentLimitEachRequireARecountWhenExceeded() {
    RecountThreshold units = new RecountThreshold(false, 10L, null);
    assertThat(units.requiresRecount(List.of(goods(DiscrepancyKind.SHORT, 1000, 990)), 1000))
        .isFalse();
    assertThat(units.requiresRecount(List.of(goods(DiscrepancyKind.SHORT, 1000, 989)), 1000))
        .isTrue();
    assertThat(units.requiresRecount(List.of(unit(DiscrepancyKind.MISSING)), 1000)).isFalse();
    RecountThreshold both = new RecountThreshold(false, 10L, 50);
    assertThat(both.requiresRecount(List.of(goods(DiscrepancyKind.SHORT, 20, 9)), 20)).isTrue();
    assertThat(both.requiresRecount(List.of(goods(DiscrepancyKind.SHORT, 20, 10)), 20)).isFalse();
  }

  @Test
  void neverMeansNeverAndALimitOutOfRangeIsRefused() {
    assertThat(
            RecountThreshold.NEVER.requiresRecount(
                List.of(unit(DiscrepancyKind.MISSING), goods(DiscrepancyKind.OVER, 0, 500)), 0))
        .isFalse();
    assertThatThrownBy(() -> new RecountThreshold(true, -1L, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecountThreshold(true, null, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
