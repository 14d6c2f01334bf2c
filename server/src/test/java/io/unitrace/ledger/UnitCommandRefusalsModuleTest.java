package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the unit state machine refuses once a unit exists: moving, observing, packing and adjusting
 * a unit that is missing, not yet received or already packed; holds placed twice or released
 * without being placed; commands without the input they need. A refused transition names its rule,
 * and a command over several units writes none of them when one is refused.
 */
class UnitCommandRefusalsModuleTest extends LedgerModuleTest {

  @Test
  void rejectsACommandForAUnitThatWasNeverRegistered() {
    Client client = newClient();

    Problem p = refused(client, () -> book.move(client.scope, client.ref("GHOST"), bin1, meta()));

    assertThat(p.code()).isEqualTo("unknown-unit");
    assertThat(p.status()).isEqualTo(404);
  }

  @Test
  void rejectsAFoundUnitAtAnUnknownLocation() {
    Client client = newClient();
    client.register(bin1, "SN-1");
    book.adjust(client.scope, client.ref("SN-1"), Adjustment.LOST, "count", null, meta());

    Problem p =
        refused(
            client,
            "SN-1",
            () ->
                book.adjust(
                    client.scope,
                    client.ref("SN-1"),
                    Adjustment.FOUND,
                    "count",
                    "NOWHERE-" + Floor.unique("X"),
                    meta()));

    assertProblem(p, 422, "unknown-location", "location");
  }

  @Test
  void holdsAndAdjustmentsNeedTheirHoldKindAndReason() {
    Client client = newClient();
    client.register(bin1, "SN-1");
    UnitRef unit = client.ref("SN-1");
    book.placeHold(client.scope, unit, Hold.QC, "sample", meta());

    assertProblem(
        refused(client, "SN-1", () -> book.placeHold(client.scope, unit, null, "which?", meta())),
        400,
        "invalid-field",
        "hold");
    assertProblem(
        refused(client, "SN-1", () -> book.releaseHold(client.scope, unit, Hold.QC, null, meta())),
        400,
        "invalid-field",
        "reason");
    assertProblem(
        refused(
            client,
            "SN-1",
            () -> book.adjust(client.scope, unit, Adjustment.LOST, " ", null, meta())),
        400,
        "invalid-field",
        "reason");
    assertProblem(
        refused(client, "SN-1", () -> book.adjust(client.scope, unit, null, "?", null, meta())),
        400,
        "invalid-field",
        "kind");
  }

  @Test
  void holdIsPlacedOnceAndReleasedOnce() {
    Client client = newClient();
    client.register(bin1, "SN-1");
    UnitRef unit = client.ref("SN-1");
    book.placeHold(client.scope, unit, Hold.RECALL, "campaign", meta());

    assertIllegal(
        refused(
            client, "SN-1", () -> book.placeHold(client.scope, unit, Hold.RECALL, "again", meta())),
        "hold-already-placed");
    assertIllegal(
        refused(
            client,
            "SN-1",
            () -> book.releaseHold(client.scope, unit, Hold.QC, "not on it", meta())),
        "hold-not-placed");
  }

  @Test
  void missingUnitCannotMoveBeObservedPackedOrLostAgainUntilFound() {
    Client client = newClient();
    client.register(bin1, "SN-1");
    Sscc tote = client.container("TOTE", bin1);
    UnitRef unit = client.ref("SN-1");
    book.adjust(client.scope, unit, Adjustment.LOST, "count", null, meta());

    assertIllegal(
        refused(client, "SN-1", () -> book.move(client.scope, unit, bin2, meta())), "unit-missing");
    assertIllegal(
        refused(client, "SN-1", () -> book.observe(client.scope, unit, bin2, meta())),
        "unit-missing");
    assertIllegal(
        refused(client, "SN-1", () -> containers.pack(client.scope, List.of(unit), tote, meta())),
        "unit-missing");
    assertIllegal(
        refused(
            client,
            "SN-1",
            () -> book.adjust(client.scope, unit, Adjustment.LOST, "again", null, meta())),
        "unit-missing");
  }

  @Test
  void onlyAMissingUnitCanBeFound() {
    Client client = newClient();
    client.register(bin1, "SN-1");

    Problem p =
        refused(
            client,
            "SN-1",
            () ->
                book.adjust(
                    client.scope, client.ref("SN-1"), Adjustment.FOUND, "count", bin2, meta()));

    assertIllegal(p, "unit-not-missing");
  }

  @Test
  void expectedUnitCannotMoveOrBeCountedBeforeItIsReceived() {
    Client client = newClient();
    book.register(
        client.scope,
        new UnitBook.Registration(List.of(client.unit("SN-1")), null, true, null),
        meta());
    UnitRef unit = client.ref("SN-1");

    assertIllegal(
        refused(client, "SN-1", () -> book.move(client.scope, unit, bin1, meta())),
        "unit-not-received");
    assertIllegal(
        refused(
            client,
            "SN-1",
            () -> book.adjust(client.scope, unit, Adjustment.LOST, "x", null, meta())),
        "unit-not-received");
  }

  @Test
  void rejectsPackingAUnitThatIsAlreadyPackedAndWritesNoneOfTheOthers() {
    Client client = newClient();
    client.register(bin1, "SN-1", "SN-2", "SN-3");
    Sscc tote = client.container("TOTE", bin1);
    Sscc other = client.container("TOTE", bin2);
    containers.pack(client.scope, client.refs("SN-2"), tote, meta());

    Problem p =
        refused(
            client,
            "SN-1",
            () ->
                containers.pack(client.scope, client.refs("SN-1", "SN-2", "SN-3"), other, meta()));

    assertIllegal(p, "unit-in-container");
    assertThat(p.extras().get("unit")).hasToString("(01)" + client.gtin + "(21)SN-2");
  }

  @Test
  void rejectsUnpackingAUnitInNoContainer() {
    Client client = newClient();
    client.register(bin1, "SN-1");

    assertIllegal(
        refused(client, "SN-1", () -> containers.unpack(client.scope, client.refs("SN-1"), meta())),
        "unit-not-in-container");
  }
}
