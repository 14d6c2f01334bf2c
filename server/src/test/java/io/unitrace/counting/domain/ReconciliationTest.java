package io.unitrace.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.counting.domain.Reconciliation.Goods;
import io.unitrace.counting.domain.Reconciliation.Recorded;
import io.unitrace.counting.domain.Reconciliation.SeenUnit;
import io.unitrace.counting.domain.Reconciliation.ShelfUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  static final long HERE = 10;
  static final long ELSEWHERE = 20;
  static final String GTIN = "09506000134352";

  static final Recorded STORED_HERE = new Recorded("STORED", HERE, true);

  private static List<Discrepancy> units(List<ShelfUnit> shelf, List<SeenUnit> seen) {
    return Reconciliation.of(HERE, shelf, seen, List.of(), List.of());
  }

  private static List<Discrepancy> goods(List<Goods> recorded, List<Goods> counted) {
    return Reconciliation.of(HERE, List.of(), List.of(), recorded, counted);
  }

  @Test
  void aShelfThatMatchesTheBooksHasNoDiscrepancy() {
    assertThat(
            Reconciliation.of(
                HERE,
                List.of(new ShelfUnit(GTIN, "A")),
                List.of(new SeenUnit(GTIN, "A", STORED_HERE)),
                List.of(new Goods(1, "L1", 5)),
                List.of(new Goods(1, "L1", 2), new Goods(1, "L1", 3))))
        .isEmpty();
  }

  @Test
  void aUnitRecordedHereAndNotFoundIsMissingAndWillBeAdjustedLost() {
    List<Discrepancy> d =
        units(List.of(new ShelfUnit(GTIN, "A"), new ShelfUnit(GTIN, "B")), List.of(seen("A")));
    assertThat(d).hasSize(1);
    assertThat(d.get(0).kind()).isEqualTo(DiscrepancyKind.MISSING);
    assertThat(d.get(0).serial()).isEqualTo("B");
    assertThat(d.get(0).correction()).isEqualTo(Correction.LOSE_UNIT);
    assertThat(d.get(0).expected()).isEqualTo(1);
    assertThat(d.get(0).counted()).isZero();
  }

  @Test
  void aUnitFoundHereButRecordedInAnotherBinIsMisplacedAndAMoveIsProposed() {
    List<Discrepancy> d =
        units(List.of(), List.of(new SeenUnit(GTIN, "A", new Recorded("STORED", ELSEWHERE, true))));
    assertThat(d)
        .singleElement()
        .extracting(Discrepancy::kind)
        .isEqualTo(DiscrepancyKind.MISPLACED);
    assertThat(d.get(0).correction()).isEqualTo(Correction.MOVE_HERE);
    assertThat(d.get(0).recordedLocationId()).isEqualTo(ELSEWHERE);
  }

  @Test
  void aUnitRecordedMissingAndFoundHereIsMisplacedAndFoundHere() {
    List<Discrepancy> d =
        units(List.of(), List.of(new SeenUnit(GTIN, "A", new Recorded("MISSING", null, false))));
    assertThat(d)
        .singleElement()
        .extracting(Discrepancy::kind)
        .isEqualTo(DiscrepancyKind.MISPLACED);
    assertThat(d.get(0).correction()).isEqualTo(Correction.FIND_UNIT);
  }

  @Test
  void aSerialTheClientNeverHadIsUnknownAndLeftForAPerson() {
    List<Discrepancy> d = units(List.of(), List.of(new SeenUnit(GTIN, "X", null)));
    assertThat(d).singleElement().extracting(Discrepancy::kind).isEqualTo(DiscrepancyKind.UNKNOWN);
    assertThat(d.get(0).correction()).isEqualTo(Correction.REVIEW);
  }

  @Test
  void aShippedOrScrappedUnitOnTheShelfIsFlaggedNeverMovedBack() {
    for (String state : List.of("SHIPPED", "SCRAPPED", "CONSUMED", "EXPECTED")) {
      List<Discrepancy> d =
          units(List.of(), List.of(new SeenUnit(GTIN, "S", new Recorded(state, null, false))));
      assertThat(d)
          .singleElement()
          .extracting(Discrepancy::kind)
          .isEqualTo(DiscrepancyKind.FOUND_NOT_IN_STOCK);
      assertThat(d.get(0).correction()).isEqualTo(Correction.REVIEW);
      assertThat(d.get(0).recordedState()).isEqualTo(state);
    }
  }

  @Test
  void aUnitSeenHereThenMovedOnByTheFloorBeforeTheCloseIsNoDiscrepancy() {
    List<Discrepancy> d =
        units(
            List.of(),
            List.of(
                new SeenUnit(GTIN, "A", new Recorded("STORED", ELSEWHERE, true), true),
                new SeenUnit(GTIN, "B", new Recorded("SHIPPED", null, false), true)));
    assertThat(d).isEmpty();
  }

  @Test
  void aUnitSeenTwiceCountsOnce() {
    List<Discrepancy> d =
        units(
            List.of(),
            List.of(
                new SeenUnit(GTIN, "A", new Recorded("STORED", ELSEWHERE, true)),
                new SeenUnit(GTIN, "A", new Recorded("STORED", ELSEWHERE, true))));
    assertThat(d).hasSize(1);
  }

  @Test
  void moreOfALotThanRecordedIsOverAndLessIsShort() {
    List<Discrepancy> d =
        goods(
            List.of(new Goods(1, "L1", 5), new Goods(2, null, 10)),
            List.of(new Goods(1, "L1", 7), new Goods(2, null, 4)));
    assertThat(d).hasSize(2);
    assertThat(d.get(0).kind()).isEqualTo(DiscrepancyKind.OVER);
    assertThat(d.get(0).expected()).isEqualTo(5);
    assertThat(d.get(0).counted()).isEqualTo(7);
    assertThat(d.get(1).kind()).isEqualTo(DiscrepancyKind.SHORT);
    assertThat(d.get(1).lot()).isNull();
    assertThat(d.get(1).counted()).isEqualTo(4);
    assertThat(d).allMatch(x -> x.correction() == Correction.ADJUST_STOCK);
  }

  @Test
  void goodsCountedInAnotherLotThanRecordedAreWrongLot() {
    List<Discrepancy> d = goods(List.of(new Goods(1, "L1", 5)), List.of(new Goods(1, "L2", 5)));
    assertThat(d)
        .singleElement()
        .extracting(Discrepancy::kind)
        .isEqualTo(DiscrepancyKind.WRONG_LOT);
    assertThat(d.get(0).lot()).isEqualTo("L2");
    assertThat(d.get(0).recordedLot()).isEqualTo("L1");
    assertThat(d.get(0).correction()).isEqualTo(Correction.CORRECT_LOT);
  }

  @Test
  void anUncountedLotWithNothingToPairIsShortAndAnUnrecordedOneIsOver() {
    List<Discrepancy> shortOnly = goods(List.of(new Goods(1, "L1", 5)), List.of());
    assertThat(shortOnly)
        .singleElement()
        .extracting(Discrepancy::kind)
        .isEqualTo(DiscrepancyKind.SHORT);
    assertThat(shortOnly.get(0).counted()).isZero();
    List<Discrepancy> overOnly = goods(List.of(), List.of(new Goods(3, "L9", 2)));
    assertThat(overOnly)
        .singleElement()
        .extracting(Discrepancy::kind)
        .isEqualTo(DiscrepancyKind.OVER);
    assertThat(overOnly.get(0).expected()).isZero();
    List<Discrepancy> mixed =
        goods(List.of(new Goods(1, "A", 5)), List.of(new Goods(1, "B", 5), new Goods(1, "C", 1)));
    assertThat(mixed)
        .extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.WRONG_LOT, DiscrepancyKind.OVER);
    assertThat(mixed.get(1).lot()).isEqualTo("C");
  }

  private static SeenUnit seen(String serial) {
    return new SeenUnit(GTIN, serial, STORED_HERE);
  }
}
