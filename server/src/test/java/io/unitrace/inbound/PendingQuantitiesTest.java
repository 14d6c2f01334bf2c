package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.unitrace.gs1.Sscc;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which announced lines of counted goods are still pending, and how much of each. */
class PendingQuantitiesTest {

  private static final String SYRUP = "09506000134369";
  private static final String CASE_1 = "095060001000000005";
  private static final String CASE_2 = "095060001000000012";

  private static AnnouncedItem line(String lot, String sscc, int quantity) {
    return new AnnouncedItem(
        SYRUP, null, lot, null, null, sscc == null ? null : new Sscc(sscc), quantity);
  }

  @Test
  void nothingTakenLeavesEveryLinePending() {
    assertThat(
            PendingQuantities.of(
                List.of(line("L1", CASE_1, 10), line("L1", CASE_2, 10)), List.of(), null))
        .extracting(i -> i.sscc().value(), AnnouncedItem::quantity)
        .containsExactly(tuple(CASE_1, 10), tuple(CASE_2, 10));
  }

  @Test
  void aCaseReceivedWholeIsNoLongerPendingSoAScanTwiceTakesNothingTwice() {
    assertThat(
            PendingQuantities.of(
                List.of(line("L1", CASE_1, 10), line("L1", CASE_2, 10)),
                List.of(new PendingQuantities.Taken(SYRUP, "L1", CASE_1, 10)),
                null))
        .extracting(i -> i.sscc().value(), AnnouncedItem::quantity)
        .containsExactly(tuple(CASE_2, 10));
  }

  @Test
  void goodsScannedLooseCountAgainstTheLotOverTheWholeAsnFirstLinesFirst() {
    assertThat(
            PendingQuantities.of(
                List.of(line("L1", CASE_1, 10), line("L1", CASE_2, 10)),
                List.of(new PendingQuantities.Taken(SYRUP, "L1", null, 15)),
                null))
        .extracting(i -> i.sscc().value(), AnnouncedItem::quantity)
        .containsExactly(tuple(CASE_1, 5));
  }

  @Test
  void onlyLinesInTheGivenContainersArePendingThere() {
    assertThat(
            PendingQuantities.of(
                List.of(line("L1", CASE_1, 10), line("L1", CASE_2, 10), line("L1", null, 3)),
                List.of(),
                Set.of(CASE_2)))
        .extracting(i -> i.sscc().value(), AnnouncedItem::quantity)
        .containsExactly(tuple(CASE_2, 10));
  }

  @Test
  void lotsAreKeptApartAndUntrackedGoodsHaveNone() {
    assertThat(
            PendingQuantities.of(
                List.of(line("L1", null, 4), line("L2", null, 4), line(null, null, 2)),
                List.of(
                    new PendingQuantities.Taken(SYRUP, "L1", null, 4),
                    new PendingQuantities.Taken(SYRUP, null, null, 1)),
                null))
        .extracting(AnnouncedItem::lot, AnnouncedItem::quantity)
        .containsExactly(tuple("L2", 4), tuple(null, 1));
  }
}
