package io.unitrace.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The judgement of one pick scan, before anything is written: the allocated unit is picked, an
 * eligible unit of the same SKU stands in for it, and everything else is refused with its reason.
 */
class PickCheckTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
  private static final long BIN = 10;
  private static final long OTHER_BIN = 11;
  private static final long LIST = 500;
  private static final long PHONE = 1;
  private static final long CABLE = 2;
  private static final long LOT_A = 71;
  private static final long LOT_B = 72;

  /** A unit of the phone, stored loose and unheld in the bin, of lot A (expiring in a year). */
  private static PickCheck.Scanned phone(long id) {
    return new PickCheck.Scanned(
        id, PHONE, "PHONE", LOT_A, "A", TODAY.plusYears(1), UnitState.STORED, BIN, "B1", null, 0);
  }

  private static PickCheck.Scanned with(
      PickCheck.Scanned u,
      Long lotId,
      String lot,
      LocalDate expiry,
      UnitState state,
      Long locationId,
      String location,
      Long container,
      int holds) {
    return new PickCheck.Scanned(
        u.id(),
        u.productId(),
        u.sku(),
        lotId,
        lot,
        expiry,
        state,
        locationId,
        location,
        container,
        holds);
  }

  private static PickCheck.Scanned inState(PickCheck.Scanned u, UnitState state) {
    return with(
        u,
        u.lotId(),
        u.lot(),
        u.expiry(),
        state,
        u.locationId(),
        u.location(),
        u.containerId(),
        u.holds());
  }

  /** An open task of order O-1 to pick unit {@code unitId} of the phone (lot A) in the bin. */
  private static PickCheck.Task task(long allocationId, long unitId) {
    return new PickCheck.Task(
        allocationId,
        1,
        "O-1",
        100,
        PHONE,
        "PHONE",
        unitId,
        LOT_A,
        null,
        BIN,
        1,
        "ALLOCATED",
        false,
        null);
  }

  private static PickCheck.Task expiryTracked(
      PickCheck.Task t, Long unitLot, Long lineLot, Integer minShelfLifeDays) {
    return new PickCheck.Task(
        t.allocationId(),
        t.orderId(),
        t.order(),
        t.lineId(),
        t.productId(),
        t.sku(),
        t.unitId(),
        unitLot,
        lineLot,
        t.locationId(),
        t.quantity(),
        t.status(),
        true,
        minShelfLifeDays);
  }

  private static PickCheck.Task withStatus(PickCheck.Task t, String status) {
    return new PickCheck.Task(
        t.allocationId(),
        t.orderId(),
        t.order(),
        t.lineId(),
        t.productId(),
        t.sku(),
        t.unitId(),
        t.lotId(),
        t.lineLotId(),
        t.locationId(),
        t.quantity(),
        status,
        t.expiryTracked(),
        t.minShelfLifeDays());
  }

  /** An open task for {@code quantity} of the cable (counted, lot {@code lot}) in the bin. */
  private static PickCheck.Task cables(long allocationId, Long lot, long quantity) {
    return new PickCheck.Task(
        allocationId,
        1,
        "O-1",
        200,
        CABLE,
        "CABLE",
        null,
        lot,
        null,
        BIN,
        quantity,
        "ALLOCATED",
        false,
        null);
  }

  private static PickCheck.Holder heldBy(long allocationId, String order) {
    return new PickCheck.Holder(allocationId, 9, order, LIST, "ALLOCATED");
  }

  private static PickCheck.Verdict judge(
      PickCheck.Scanned unit, List<PickCheck.Task> tasks, PickCheck.Holder holder) {
    return PickCheck.unit(unit, BIN, "B1", LIST, tasks, holder, TODAY);
  }

  private static PickCheck.Refuse refusal(PickCheck.Verdict v) {
    assertThat(v).isInstanceOf(PickCheck.Refuse.class);
    return (PickCheck.Refuse) v;
  }

  @Test
  void picksTheUnitAllocatedToTheLine() {
    PickCheck.Task t = task(1, 42);
    var v = judge(phone(42), List.of(t), heldBy(1, "O-1"));
    assertThat(v).isEqualTo(new PickCheck.Pick(t));
  }

  @Test
  void refusesAScanOfAUnitNeverReceived() {
    var r = refusal(judge(null, List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("unknown-unit");
  }

  @Test
  void refusesPickOfUnitAllocatedToAnotherOrderAndNamesThatOrder() {
    var r =
        refusal(
            judge(
                inState(phone(43), UnitState.ALLOCATED),
                List.of(task(1, 42)),
                heldBy(99, "SHOP-7731")));
    assertThat(r.code()).isEqualTo("allocated-elsewhere");
    assertThat(r.message()).contains("SHOP-7731");
  }

  @Test
  void refusesAUnitAlreadyPickedForThisList() {
    PickCheck.Task done = withStatus(task(1, 42), "PICKED");
    var r =
        refusal(
            judge(
                inState(phone(42), UnitState.PICKED),
                List.of(done),
                new PickCheck.Holder(1, 1, "O-1", LIST, "PICKED")));
    assertThat(r.code()).isEqualTo("already-picked");
  }

  @Test
  void refusesAPickedUnitNoOrderHoldsAnyMore() {
    var r = refusal(judge(inState(phone(50), UnitState.PICKED), List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("already-picked");
    var packed = refusal(judge(inState(phone(50), UnitState.PACKED), List.of(task(1, 42)), null));
    assertThat(packed.code()).isEqualTo("already-picked");
  }

  @Test
  void refusesTheAllocatedUnitWhenItIsNotWhereThePickerStandsAndSaysWhereItIs() {
    PickCheck.Scanned elsewhere =
        with(
            phone(42),
            LOT_A,
            "A",
            TODAY.plusYears(1),
            UnitState.ALLOCATED,
            OTHER_BIN,
            "B7",
            null,
            0);
    var r = refusal(judge(elsewhere, List.of(task(1, 42)), heldBy(1, "O-1")));
    assertThat(r.code()).isEqualTo("not-here");
    assertThat(r.message()).contains("B1").contains("B7");
  }

  @Test
  void refusesTheAllocatedUnitInsideAContainer() {
    PickCheck.Scanned boxed =
        with(phone(42), LOT_A, "A", TODAY.plusYears(1), UnitState.ALLOCATED, BIN, "B1", 3L, 0);
    var r = refusal(judge(boxed, List.of(task(1, 42)), heldBy(1, "O-1")));
    assertThat(r.code()).isEqualTo("in-container");
    assertThat(r.message()).contains("SSCC");
  }

  @Test
  void refusesTheAllocatedUnitPutOnHoldAfterAllocationAndNamesTheHold() {
    PickCheck.Scanned held =
        with(
            phone(42),
            LOT_A,
            "A",
            TODAY.plusYears(1),
            UnitState.ALLOCATED,
            BIN,
            "B1",
            null,
            Hold.RECALL.bit());
    var r = refusal(judge(held, List.of(task(1, 42)), heldBy(1, "O-1")));
    assertThat(r.code()).isEqualTo("held");
    assertThat(r.message()).contains("RECALL");
  }

  @Test
  void refusesASubstituteOnHold() {
    PickCheck.Scanned held =
        with(
            phone(43),
            LOT_A,
            "A",
            TODAY.plusYears(1),
            UnitState.STORED,
            BIN,
            "B1",
            null,
            Hold.QC.bit());
    var r = refusal(judge(held, List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("held");
    assertThat(r.message()).contains("QC");
  }

  @Test
  void refusesAnyScanWhereTheListHasNothingOpen() {
    PickCheck.Task elsewhere =
        new PickCheck.Task(
            1,
            1,
            "O-1",
            100,
            PHONE,
            "PHONE",
            42L,
            LOT_A,
            null,
            OTHER_BIN,
            1,
            "ALLOCATED",
            false,
            null);
    var r = refusal(judge(phone(43), List.of(elsewhere), null));
    assertThat(r.code()).isEqualTo("nothing-to-pick-here");
    assertThat(r.message()).contains("B1");
  }

  @Test
  void refusesAUnitOfAnotherSkuAndSaysWhatTheListWants() {
    PickCheck.Scanned tablet =
        new PickCheck.Scanned(
            60, 3, "TABLET", null, null, null, UnitState.STORED, BIN, "B1", null, 0);
    var r = refusal(judge(tablet, List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("wrong-sku");
    assertThat(r.message()).contains("TABLET").contains("PHONE");
  }

  @Test
  void refusesAFreeUnitOfTheSkuLyingElsewhereAsASubstitute() {
    PickCheck.Scanned elsewhere =
        with(phone(43), LOT_A, "A", TODAY.plusYears(1), UnitState.STORED, OTHER_BIN, "B7", null, 0);
    var r = refusal(judge(elsewhere, List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("not-here");
    assertThat(r.message()).contains("B7");
  }

  @Test
  void refusesASubstituteThatIsNotStored() {
    var r = refusal(judge(inState(phone(43), UnitState.RECEIVED), List.of(task(1, 42)), null));
    assertThat(r.code()).isEqualTo("not-available");
    assertThat(r.message()).contains("RECEIVED");
  }

  @Test
  void acceptsAnEligibleFreeUnitOfTheSameSkuAsASubstitute() {
    PickCheck.Task t = task(1, 42);
    assertThat(judge(phone(43), List.of(t), null)).isEqualTo(new PickCheck.Substitute(t));
  }

  @Test
  void aSubstitutePrefersTheTaskOfItsOwnLot() {
    PickCheck.Task lotB =
        new PickCheck.Task(
            1, 1, "O-1", 100, PHONE, "PHONE", 41L, LOT_B, null, BIN, 1, "ALLOCATED", false, null);
    PickCheck.Task lotA = task(2, 42);
    assertThat(judge(phone(43), List.of(lotB, lotA), null))
        .isEqualTo(new PickCheck.Substitute(lotA));
  }

  @Test
  void refusesASubstituteOfAnotherLotWhenTheLineNamesItsLot() {
    PickCheck.Task t =
        new PickCheck.Task(
            1, 1, "O-1", 100, PHONE, "PHONE", 42L, LOT_B, LOT_B, BIN, 1, "ALLOCATED", false, null);
    var r = refusal(judge(phone(43), List.of(t), null));
    assertThat(r.code()).isEqualTo("wrong-lot");
    assertThat(r.message()).contains("lot A");
  }

  @Test
  void refusesAnExpiredSubstitute() {
    PickCheck.Task t = expiryTracked(task(1, 42), LOT_B, null, null);
    PickCheck.Scanned expired =
        with(phone(43), LOT_A, "A", TODAY.minusDays(1), UnitState.STORED, BIN, "B1", null, 0);
    var r = refusal(judge(expired, List.of(t), null));
    assertThat(r.code()).isEqualTo("expired");
    assertThat(r.message()).startsWith("expired").contains(TODAY.minusDays(1).toString());
  }

  @Test
  void refusesASubstituteExpiringBeforeTheLinesMinimumShelfLife() {
    PickCheck.Task t = expiryTracked(task(1, 42), LOT_B, null, 120);
    PickCheck.Scanned shortDated =
        with(phone(43), LOT_A, "A", TODAY.plusDays(119), UnitState.STORED, BIN, "B1", null, 0);
    var r = refusal(judge(shortDated, List.of(t), null));
    assertThat(r.code()).isEqualTo("short-shelf-life");
    assertThat(r.message()).contains("120 days");
  }

  @Test
  void acceptsASubstituteExpiringExactlyOnTheLastDayOfTheMinimumShelfLife() {
    PickCheck.Task t = expiryTracked(task(1, 42), LOT_B, null, 120);
    PickCheck.Scanned justEnough =
        with(phone(43), LOT_A, "A", TODAY.plusDays(120), UnitState.STORED, BIN, "B1", null, 0);
    assertThat(judge(justEnough, List.of(t), null)).isEqualTo(new PickCheck.Substitute(t));
  }

  @Test
  void refusesASubstituteWithoutAnExpiryForExpiryTrackedGoods() {
    PickCheck.Task t = expiryTracked(task(1, 42), LOT_B, null, null);
    PickCheck.Scanned undated =
        with(phone(43), LOT_A, "A", null, UnitState.STORED, BIN, "B1", null, 0);
    var r = refusal(judge(undated, List.of(t), null));
    assertThat(r.message()).contains("no expiry");
  }

  @Test
  void picksCountedGoodsOfTheAllocatedLotUpToTheOpenQuantity() {
    PickCheck.Task t = cables(1, LOT_A, 5);
    var v = PickCheck.counted(CABLE, "CABLE", LOT_A, "A", 5, BIN, "B1", List.of(t));
    assertThat(v).isEqualTo(new PickCheck.Pick(t));
  }

  @Test
  void refusesCountedGoodsBeyondWhatIsToBePickedHere() {
    var r =
        refusal(
            PickCheck.counted(
                CABLE,
                "CABLE",
                LOT_A,
                "A",
                6,
                BIN,
                "B1",
                List.of(cables(1, LOT_A, 3), cables(2, LOT_A, 2))));
    assertThat(r.code()).isEqualTo("over-quantity");
    assertThat(r.message()).contains("only 5");
  }

  @Test
  void refusesCountedGoodsOfAnotherLot() {
    var r =
        refusal(
            PickCheck.counted(
                CABLE, "CABLE", LOT_B, "B", 1, BIN, "B1", List.of(cables(1, LOT_A, 3))));
    assertThat(r.code()).isEqualTo("wrong-lot");
    assertThat(r.message()).contains("lot B");
  }

  @Test
  void refusesCountedGoodsOfAnotherSku() {
    var r =
        refusal(
            PickCheck.counted(7, "GLUE", null, null, 1, BIN, "B1", List.of(cables(1, LOT_A, 3))));
    assertThat(r.code()).isEqualTo("wrong-sku");
    assertThat(r.message()).contains("GLUE");
  }

  @Test
  void refusesCountedGoodsWhereNoCountedGoodsAreToBePicked() {
    var r =
        refusal(PickCheck.counted(CABLE, "CABLE", LOT_A, "A", 1, BIN, "B1", List.of(task(1, 42))));
    assertThat(r.code()).isEqualTo("nothing-to-pick-here");
    var done =
        refusal(
            PickCheck.counted(
                CABLE,
                "CABLE",
                LOT_A,
                "A",
                1,
                BIN,
                "B1",
                List.of(withStatus(cables(1, LOT_A, 3), "PICKED"))));
    assertThat(done.code()).isEqualTo("nothing-to-pick-here");
  }
}
