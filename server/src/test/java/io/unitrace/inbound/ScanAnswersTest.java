package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a request's lines are answered on the scanner. */
class ScanAnswersTest {

  private static final Receiving.Counters COUNTERS =
      Receiving.Counters.of(10, 3, java.util.Map.of());

  private static Receiving.Line line(ScanOutcome outcome, String sscc, int quantity) {
    return new Receiving.Line(
        outcome,
        "PHONE",
        "09506000134352",
        "A1",
        null,
        null,
        sscc,
        "DOCK-1",
        outcome.name(),
        quantity);
  }

  @Test
  void aSingleUnitIsAnsweredWithItsOwnLine() {
    Receiving.ScanAnswer a =
        ScanAnswers.of(
            "UNIT", List.of(line(ScanOutcome.DUPLICATE, null, 1)), null, false, COUNTERS);

    assertThat(a.outcome()).isEqualTo(ScanOutcome.DUPLICATE);
    assertThat(a.message()).isEqualTo("DUPLICATE");
    assertThat(a.received()).isFalse();
    assertThat(a.lines()).hasSize(1);
    assertThat(a.counters()).isEqualTo(COUNTERS);
  }

  @Test
  void aContainerIsAnsweredWithCountsAndOnlyItsExceptionsListed() {
    Receiving.ScanAnswer a =
        ScanAnswers.of(
            "CONTAINER",
            List.of(
                line(ScanOutcome.RECEIVED, "095060001000000005", 1),
                line(ScanOutcome.RECEIVED, "095060001000000005", 1),
                line(ScanOutcome.LOT_MISMATCH, "095060001000000005", 1)),
            new Sscc("095060001000000005"),
            false,
            COUNTERS);

    assertThat(a.kind()).isEqualTo("CONTAINER");
    assertThat(a.outcome()).isEqualTo(ScanOutcome.LOT_MISMATCH);
    assertThat(a.message())
        .isEqualTo("container 095060001000000005: 3 of 3 units received, 1 lot mismatch");
    assertThat(a.lines())
        .extracting(Receiving.Line::outcome)
        .containsExactly(ScanOutcome.LOT_MISMATCH);
    assertThat(a.outcomes())
        .isEqualTo(Map.of(ScanOutcome.RECEIVED, 2, ScanOutcome.LOT_MISMATCH, 1));
  }

  @Test
  void aQuantitySplitAtTheOrderIsStillOneScan() {
    List<Receiving.Line> split =
        List.of(line(ScanOutcome.RECEIVED, null, 3), line(ScanOutcome.OVER_QUANTITY, null, 2));

    Receiving.ScanAnswer a =
        ScanAnswers.of(ScanAnswers.kindOfRepeatedScan(split), split, null, true, COUNTERS);

    assertThat(a.kind()).isEqualTo("UNIT");
    assertThat(a.message()).isEqualTo("5 of 5 units received, 2 over quantity");
    assertThat(a.repeated()).isTrue();
  }

  @Test
  void aCleanBulkConfirmationSaysOnlyHowManyWereReceived() {
    Receiving.ScanAnswer a =
        ScanAnswers.of("BULK", List.of(line(ScanOutcome.RECEIVED, null, 4)), null, false, COUNTERS);

    assertThat(a.message()).isEqualTo("4 of 4 units received");
    assertThat(a.outcome()).isEqualTo(ScanOutcome.RECEIVED);
    assertThat(a.lines()).isEmpty();
  }
}
