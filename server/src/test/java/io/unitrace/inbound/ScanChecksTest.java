package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.UnitState;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The receiving rules and their order, without a database. */
class ScanChecksTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  /** A plain, announced, ordered unit with nothing wrong. */
  private static ScanChecks.Facts fine() {
    return new ScanChecks.Facts(
        true,
        "PHONE",
        false,
        null,
        true,
        10,
        0,
        true,
        new ScanChecks.Announced("L1", TODAY.plusYears(1)),
        "L1",
        TODAY.plusYears(1),
        null,
        false,
        false,
        TODAY);
  }

  private static ScanOutcome judge(ScanChecks.Facts f) {
    return ScanChecks.judge(f).outcome();
  }

  @Test
  void anAnnouncedOrderedUnitAsAnnouncedIsReceived() {
    assertThat(judge(fine())).isEqualTo(ScanOutcome.RECEIVED);
  }

  @Test
  void anUnknownGtinOutranksEverything() {
    assertThat(
            judge(
                new ScanChecks.Facts(
                    false,
                    null,
                    true,
                    UnitState.STORED,
                    true,
                    0,
                    0,
                    true,
                    null,
                    null,
                    null,
                    null,
                    true,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.UNKNOWN_GTIN);
  }

  @Test
  void aSecondScanOnTheSameReceiptIsARepeatNotADuplicate() {
    var f = fine();
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    true,
                    UnitState.RECEIVED,
                    true,
                    10,
                    1,
                    true,
                    f.announced(),
                    "L1",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.REPEAT);
  }

  @Test
  void aSerialActiveInStockIsADuplicateButAnExpectedOneIsReceived() {
    var f = fine();
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    UnitState.SHIPPED,
                    true,
                    10,
                    0,
                    true,
                    f.announced(),
                    "L1",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.DUPLICATE);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    UnitState.EXPECTED,
                    true,
                    10,
                    0,
                    true,
                    f.announced(),
                    "L1",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.RECEIVED);
  }

  @Test
  void aProductThePoDoesNotOrderIsWrongEvenIfExpired() {
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "CABLE",
                    false,
                    null,
                    true,
                    0,
                    0,
                    true,
                    null,
                    null,
                    TODAY.minusDays(1),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.WRONG_PRODUCT);
  }

  @Test
  void expiryIsCheckedAgainstTodayAndTheMinimumRemainingShelfLife() {
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PEN",
                    false,
                    null,
                    false,
                    null,
                    0,
                    false,
                    null,
                    "L1",
                    TODAY.minusDays(1),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.EXPIRED);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true, "PEN", false, null, false, null, 0, false, null, "L1", TODAY, null, false,
                    false, TODAY)))
        .as("a unit expiring today is not yet expired")
        .isEqualTo(ScanOutcome.RECEIVED);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PEN",
                    false,
                    null,
                    false,
                    null,
                    0,
                    false,
                    null,
                    "L1",
                    TODAY.plusDays(29),
                    30,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.SHORT_SHELF_LIFE);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PEN",
                    false,
                    null,
                    false,
                    null,
                    0,
                    false,
                    null,
                    "L1",
                    TODAY.plusDays(30),
                    30,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.RECEIVED);
  }

  @Test
  void theUnitAfterTheOrderedQuantityIsOver() {
    var f = fine();
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    null,
                    true,
                    10,
                    9,
                    true,
                    f.announced(),
                    "L1",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.RECEIVED);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    null,
                    true,
                    10,
                    10,
                    true,
                    f.announced(),
                    "L1",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.OVER_QUANTITY);
  }

  @Test
  void aLotOrExpiryTheScanDoesNotCarryCannotContradictTheAsn() {
    var f = fine();
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    null,
                    true,
                    10,
                    0,
                    true,
                    f.announced(),
                    "L2",
                    f.expiry(),
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.LOT_MISMATCH);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    null,
                    true,
                    10,
                    0,
                    true,
                    f.announced(),
                    null,
                    null,
                    null,
                    false,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.RECEIVED);
  }

  @Test
  void aSerialNotOnTheAsnIsUnexpectedButWithoutAnAsnItIsSimplyReceived() {
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true, "PHONE", false, null, true, 10, 0, true, null, null, null, null, false,
                    false, TODAY)))
        .isEqualTo(ScanOutcome.UNEXPECTED);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true, "PHONE", false, null, true, 10, 0, false, null, null, null, null, false,
                    false, TODAY)))
        .isEqualTo(ScanOutcome.RECEIVED);
  }

  @Test
  void exceptionScansCorrectAUnitThisReceiptAlreadyTookIn() {
    var f = fine();
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    true,
                    UnitState.RECEIVED,
                    true,
                    10,
                    1,
                    true,
                    f.announced(),
                    null,
                    null,
                    null,
                    true,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.MARKED_DAMAGED);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    true,
                    UnitState.RECEIVED,
                    true,
                    10,
                    1,
                    true,
                    f.announced(),
                    null,
                    null,
                    null,
                    false,
                    true,
                    TODAY)))
        .isEqualTo(ScanOutcome.NOT_FOUND);
    assertThat(
            judge(
                new ScanChecks.Facts(
                    true,
                    "PHONE",
                    false,
                    null,
                    true,
                    10,
                    0,
                    true,
                    f.announced(),
                    null,
                    null,
                    null,
                    true,
                    false,
                    TODAY)))
        .isEqualTo(ScanOutcome.DAMAGED);
  }
}
