package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiving counter holds what came as expected against the expected, exceptions apart. */
class CountersTest {

  @Test
  void exceptionsTakenInAreNotReceivedAsExpected() {
    // 13 expected; 14 taken in, of which 1 over the order and 4 of another lot than announced.
    var c =
        Receiving.Counters.of(
            13, 14, Map.of(ScanOutcome.OVER_QUANTITY, 1, ScanOutcome.LOT_MISMATCH, 4));
    assertThat(c.asExpected()).isEqualTo(9);
    assertThat(c.received()).isEqualTo(14);
    assertThat(c.exceptions()).containsExactlyInAnyOrderEntriesOf(Map.of("over", 1, "quality", 4));
  }

  @Test
  void exceptionsNotTakenInAreListedWithoutChangingWhatCameAsExpected() {
    var c =
        Receiving.Counters.of(
            10,
            8,
            Map.of(
                ScanOutcome.MARKED_DAMAGED, 1,
                ScanOutcome.NOT_FOUND, 2,
                ScanOutcome.UNKNOWN_GTIN, 1,
                ScanOutcome.DUPLICATE, 1,
                ScanOutcome.REPEAT, 3));
    assertThat(c.asExpected()).isEqualTo(8);
    assertThat(c.exceptions())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("damaged", 1, "short", 2, "unexpected", 1, "suspect", 1));
  }

  @Test
  void unexpectedUnitsOfAnOrderedProductAreTakenInButNotAsExpected() {
    var c =
        Receiving.Counters.of(
            5, 7, Map.of(ScanOutcome.UNEXPECTED, 1, ScanOutcome.WRONG_PRODUCT, 1));
    assertThat(c.asExpected()).isEqualTo(5);
    assertThat(c.exceptions()).containsEntry("unexpected", 2);
  }
}
