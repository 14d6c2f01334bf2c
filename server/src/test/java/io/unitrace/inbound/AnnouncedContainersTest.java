package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Arrivals;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which announced containers arriving units need created at the dock. */
class AnnouncedContainersTest {

  private static final String PALLET = "095060001000000005";
  private static final String CASE_1 = "095060001000000012";
  private static final String CASE_2 = "095060001000000029";

  private static final Map<String, AnnouncedContainers.Row> ASN =
      Map.of(
          PALLET, new AnnouncedContainers.Row(null, "PALLET"),
          CASE_1, new AnnouncedContainers.Row(PALLET, "CASE"),
          CASE_2, new AnnouncedContainers.Row(PALLET, "CASE"));

  @Test
  void aCaseNeedsThePalletAboveItAndThePalletIsCreatedOnce() {
    List<Arrivals.ArrivingContainer> needed =
        AnnouncedContainers.needed(ASN, List.of(new Sscc(CASE_1), new Sscc(CASE_2)));

    assertThat(needed)
        .extracting(
            c -> c.sscc().value(),
            Arrivals.ArrivingContainer::kind,
            c -> c.parent() == null ? null : c.parent().value())
        .containsExactly(
            tuple(CASE_1, "CASE", PALLET),
            tuple(PALLET, "PALLET", null),
            tuple(CASE_2, "CASE", PALLET));
  }

  @Test
  void aCaseTheAsnDoesNotAnnounceNeedsNothing() {
    assertThat(AnnouncedContainers.needed(ASN, List.of(new Sscc("095060001000000036")))).isEmpty();
  }
}
