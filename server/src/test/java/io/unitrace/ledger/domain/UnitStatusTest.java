package io.unitrace.ledger.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.UnitState;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of the unit state machine, one business rule per test. */
class UnitStatusTest {

  static final long DOCK = 1;
  static final long BIN = 2;
  static final long OTHER_BIN = 3;
  static final long QUARANTINE = 4;
  static final long PALLET = 100;
  static final long CASE = 101;

  static UnitStatus in(UnitState state, long location) {
    return new UnitStatus(state, location, null, 0, Map.of());
  }

  static UnitStatus packed(UnitState state, long location, long container) {
    return new UnitStatus(state, location, container, 0, Map.of());
  }

  static UnitCommand.Move moveTo(long location, LocationType type) {
    return new UnitCommand.Move(location, type);
  }

  /** Every command the state machine knows, for rules that refuse everything. */
  static List<UnitCommand> everyCommand() {
    return List.of(
        new UnitCommand.Register(BIN, LocationType.STORAGE, Map.of()),
        moveTo(BIN, LocationType.STORAGE),
        new UnitCommand.Carry(BIN, LocationType.STORAGE),
        new UnitCommand.Pack(PALLET, BIN),
        new UnitCommand.Unpack(),
        new UnitCommand.PlaceHold(Hold.QC),
        new UnitCommand.ReleaseHold(Hold.QC),
        new UnitCommand.Lose(),
        new UnitCommand.Find(BIN, LocationType.STORAGE),
        new UnitCommand.SetFields(Map.of("IMEI", "1")),
        new UnitCommand.Observe(BIN));
  }

  static String ruleBrokenBy(UnitStatus status, UnitCommand command) {
    try {
      status.apply(command);
    } catch (TransitionRefused refused) {
      return refused.rule();
    }
    throw new AssertionError(command + " on " + status + " was accepted, a refusal was expected");
  }

  @Nested
  class Registering {

    @Test
    void unitAnnouncedWithoutALocationIsExpected() {
      UnitStatus s = UnitStatus.register(new UnitCommand.Register(null, null, Map.of()));

      assertThat(s.state()).isEqualTo(UnitState.EXPECTED);
      assertThat(s.location()).isNull();
      assertThat(s.container()).isNull();
      assertThat(s.holds()).isZero();
    }

    @Test
    void unitRegisteredOnADockIsReceived() {
      UnitStatus s =
          UnitStatus.register(new UnitCommand.Register(DOCK, LocationType.DOCK, Map.of()));

      assertThat(s.state()).isEqualTo(UnitState.RECEIVED);
      assertThat(s.location()).isEqualTo(DOCK);
    }

    @ParameterizedTest
    @EnumSource(value = LocationType.class, names = "DOCK", mode = EnumSource.Mode.EXCLUDE)
    void unitRegisteredAnywhereButADockIsStored(LocationType type) {
      UnitStatus s = UnitStatus.register(new UnitCommand.Register(BIN, type, Map.of()));

      assertThat(s.state()).isEqualTo(UnitState.STORED);
      assertThat(s.location()).isEqualTo(BIN);
    }

    @Test
    void unitKeepsTheCustomFieldsItWasRegisteredWith() {
      UnitStatus s =
          UnitStatus.register(
              new UnitCommand.Register(
                  BIN, LocationType.STORAGE, Map.of("IMEI", "356938035643809")));

      assertThat(s.fields()).containsExactly(Map.entry("IMEI", "356938035643809"));
    }

    @Test
    void unitArrivingAtAReceiptMayComeInItsCaseAndOnHold() {
      UnitStatus s =
          UnitStatus.register(
              new UnitCommand.Register(DOCK, LocationType.DOCK, 77L, Hold.QC.bit(), Map.of()));

      assertThat(s.state()).isEqualTo(UnitState.RECEIVED);
      assertThat(s.container()).isEqualTo(77L);
      assertThat(s.has(Hold.QC)).isTrue();
    }

    @Test
    void expectedUnitIsReceivedOnTheDockKeepingItsHoldsAndAddingNew() {
      UnitStatus expected =
          UnitStatus.register(new UnitCommand.Register(null, null, Map.of()))
              .apply(new UnitCommand.PlaceHold(Hold.RECALL));

      UnitStatus s =
          expected.apply(new UnitCommand.Receive(DOCK, LocationType.DOCK, 5L, Hold.DAMAGED.bit()));

      assertThat(s.state()).isEqualTo(UnitState.RECEIVED);
      assertThat(s.location()).isEqualTo(DOCK);
      assertThat(s.container()).isEqualTo(5L);
      assertThat(s.has(Hold.RECALL)).isTrue();
      assertThat(s.has(Hold.DAMAGED)).isTrue();
    }

    @Test
    void onlyAnExpectedUnitCanBeReceived() {
      assertThat(
              ruleBrokenBy(
                  in(UnitState.STORED, BIN),
                  new UnitCommand.Receive(DOCK, LocationType.DOCK, null, 0)))
          .isEqualTo("unit-not-expected");
    }

    @Test
    void registeringAnExistingUnitAgainIsRefused() {
      assertThat(
              ruleBrokenBy(
                  in(UnitState.STORED, BIN),
                  new UnitCommand.Register(BIN, LocationType.STORAGE, Map.of())))
          .isEqualTo("unit-exists");
    }
  }

  @Nested
  class Moving {

    @Test
    void receivedUnitBecomesStoredWhenPutIntoStorage() {
      UnitStatus after = in(UnitState.RECEIVED, DOCK).apply(moveTo(BIN, LocationType.STORAGE));

      assertThat(after.state()).isEqualTo(UnitState.STORED);
      assertThat(after.location()).isEqualTo(BIN);
    }

    @ParameterizedTest
    @EnumSource(value = LocationType.class, names = "STORAGE", mode = EnumSource.Mode.EXCLUDE)
    void receivedUnitStaysReceivedWhenMovedAnywhereButStorage(LocationType type) {
      UnitStatus after = in(UnitState.RECEIVED, DOCK).apply(moveTo(QUARANTINE, type));

      assertThat(after.state()).isEqualTo(UnitState.RECEIVED);
      assertThat(after.location()).isEqualTo(QUARANTINE);
    }

    @Test
    void storedUnitStaysStoredWhenMovedToQuarantine() {
      UnitStatus after =
          in(UnitState.STORED, BIN).apply(moveTo(QUARANTINE, LocationType.QUARANTINE));

      assertThat(after.state()).isEqualTo(UnitState.STORED);
      assertThat(after.location()).isEqualTo(QUARANTINE);
    }

    @Test
    void pickedUnitStaysPickedWhenItReachesAStorageLocation() {
      UnitStatus after = in(UnitState.PICKED, BIN).apply(moveTo(OTHER_BIN, LocationType.STORAGE));

      assertThat(after.state()).isEqualTo(UnitState.PICKED);
    }

    @Test
    void movedUnitKeepsItsHoldsAndFields() {
      UnitStatus held =
          new UnitStatus(
              UnitState.STORED, BIN, null, Hold.QC.bit() | Hold.DAMAGED.bit(), Map.of("IMEI", "1"));

      UnitStatus after = held.apply(moveTo(QUARANTINE, LocationType.QUARANTINE));

      assertThat(after.holds()).isEqualTo(held.holds());
      assertThat(after.fields()).isEqualTo(held.fields());
    }

    @Test
    void rejectsMoveOfUnitInsideAContainer() {
      assertThat(
              ruleBrokenBy(
                  packed(UnitState.STORED, BIN, PALLET), moveTo(OTHER_BIN, LocationType.STORAGE)))
          .isEqualTo("unit-in-container");
    }

    @Test
    void rejectsMoveOfAnExpectedUnitBeforeItIsReceived() {
      assertThat(
              ruleBrokenBy(
                  new UnitStatus(UnitState.EXPECTED, null, null, 0, Map.of()),
                  moveTo(BIN, LocationType.STORAGE)))
          .isEqualTo("unit-not-received");
    }

    @Test
    void missingUnitCannotMoveUntilFound() {
      UnitStatus missing = in(UnitState.MISSING, BIN);

      assertThat(ruleBrokenBy(missing, moveTo(OTHER_BIN, LocationType.STORAGE)))
          .isEqualTo("unit-missing");

      UnitStatus found = missing.apply(new UnitCommand.Find(OTHER_BIN, LocationType.STORAGE));
      assertThat(found.apply(moveTo(BIN, LocationType.STORAGE)).location()).isEqualTo(BIN);
    }

    @Test
    void shippedUnitIsNotInTheBuildingAndCannotMove() {
      assertThat(ruleBrokenBy(in(UnitState.SHIPPED, BIN), moveTo(OTHER_BIN, LocationType.STORAGE)))
          .isEqualTo("unit-not-in-building");
    }
  }

  @Nested
  class TravellingInAContainer {

    @Test
    void unitInAContainerTravelsWithItAndStaysInIt() {
      UnitStatus after =
          packed(UnitState.STORED, BIN, PALLET)
              .apply(new UnitCommand.Carry(OTHER_BIN, LocationType.STORAGE));

      assertThat(after.location()).isEqualTo(OTHER_BIN);
      assertThat(after.container()).isEqualTo(PALLET);
      assertThat(after.state()).isEqualTo(UnitState.STORED);
    }

    @Test
    void receivedUnitCarriedIntoStorageIsStored() {
      UnitStatus after =
          packed(UnitState.RECEIVED, DOCK, PALLET)
              .apply(new UnitCommand.Carry(BIN, LocationType.STORAGE));

      assertThat(after.state()).isEqualTo(UnitState.STORED);
    }

    @Test
    void missingUnitIsNotCarried() {
      assertThat(
              ruleBrokenBy(
                  in(UnitState.MISSING, BIN),
                  new UnitCommand.Carry(OTHER_BIN, LocationType.STORAGE)))
          .isEqualTo("unit-missing");
    }

    @Test
    void packedUnitTakesTheLocationOfItsContainer() {
      UnitStatus after = in(UnitState.STORED, BIN).apply(new UnitCommand.Pack(PALLET, OTHER_BIN));

      assertThat(after.container()).isEqualTo(PALLET);
      assertThat(after.location()).isEqualTo(OTHER_BIN);
      assertThat(after.state()).isEqualTo(UnitState.STORED);
    }

    @Test
    void pickedUnitBecomesPackedInAContainerAndPickedAgainOutOfIt() {
      UnitStatus packed = in(UnitState.PICKED, BIN).apply(new UnitCommand.Pack(CASE, BIN));
      assertThat(packed.state()).isEqualTo(UnitState.PACKED);
      assertThat(packed.container()).isEqualTo(CASE);

      UnitStatus unpacked = packed.apply(new UnitCommand.Unpack());
      assertThat(unpacked.state()).isEqualTo(UnitState.PICKED);
      assertThat(unpacked.container()).isNull();
      assertThat(unpacked.location()).isEqualTo(BIN);
    }

    @Test
    void storedUnitUnpackedStaysStoredWhereTheContainerIs() {
      UnitStatus after =
          packed(UnitState.STORED, OTHER_BIN, PALLET).apply(new UnitCommand.Unpack());

      assertThat(after.state()).isEqualTo(UnitState.STORED);
      assertThat(after.location()).isEqualTo(OTHER_BIN);
      assertThat(after.container()).isNull();
    }

    @Test
    void rejectsPackingAUnitThatIsAlreadyInAContainer() {
      assertThat(
              ruleBrokenBy(packed(UnitState.STORED, BIN, PALLET), new UnitCommand.Pack(CASE, BIN)))
          .isEqualTo("unit-in-container");
    }

    @Test
    void rejectsUnpackingAUnitThatIsInNoContainer() {
      assertThat(ruleBrokenBy(in(UnitState.STORED, BIN), new UnitCommand.Unpack()))
          .isEqualTo("unit-not-in-container");
    }

    @Test
    void rejectsPackingAnExpectedUnit() {
      assertThat(
              ruleBrokenBy(
                  new UnitStatus(UnitState.EXPECTED, null, null, 0, Map.of()),
                  new UnitCommand.Pack(PALLET, BIN)))
          .isEqualTo("unit-not-received");
    }

    @Test
    void rejectsPackingAMissingUnit() {
      assertThat(ruleBrokenBy(in(UnitState.MISSING, BIN), new UnitCommand.Pack(PALLET, BIN)))
          .isEqualTo("unit-missing");
    }

    @Test
    void rejectsPackingAShippedUnit() {
      assertThat(ruleBrokenBy(in(UnitState.SHIPPED, BIN), new UnitCommand.Pack(PALLET, BIN)))
          .isEqualTo("unit-not-in-building");
    }
  }

  @Nested
  class Holds {

    @Test
    void holdsStackAndReleaseIndependently() {
      UnitStatus s =
          in(UnitState.STORED, BIN)
              .apply(new UnitCommand.PlaceHold(Hold.QC))
              .apply(new UnitCommand.PlaceHold(Hold.RECALL))
              .apply(new UnitCommand.PlaceHold(Hold.DAMAGED));
      assertThat(s.has(Hold.QC)).isTrue();
      assertThat(s.has(Hold.RECALL)).isTrue();
      assertThat(s.has(Hold.DAMAGED)).isTrue();
      assertThat(s.has(Hold.SUSPECT)).isFalse();

      UnitStatus released = s.apply(new UnitCommand.ReleaseHold(Hold.RECALL));
      assertThat(released.has(Hold.RECALL)).isFalse();
      assertThat(released.has(Hold.QC)).isTrue();
      assertThat(released.has(Hold.DAMAGED)).isTrue();
      assertThat(released.held()).isTrue();

      UnitStatus free =
          released
              .apply(new UnitCommand.ReleaseHold(Hold.QC))
              .apply(new UnitCommand.ReleaseHold(Hold.DAMAGED));
      assertThat(free.held()).isFalse();
      assertThat(free.holds()).isZero();
    }

    @Test
    void holdLeavesStateLocationAndContainerAlone() {
      UnitStatus before = packed(UnitState.PACKED, BIN, CASE);

      UnitStatus after = before.apply(new UnitCommand.PlaceHold(Hold.SUSPECT));

      assertThat(after.state()).isEqualTo(before.state());
      assertThat(after.location()).isEqualTo(before.location());
      assertThat(after.container()).isEqualTo(before.container());
    }

    @Test
    void holdIsPlacedOnlyOnce() {
      UnitStatus held = in(UnitState.STORED, BIN).apply(new UnitCommand.PlaceHold(Hold.RECALL));

      assertThat(ruleBrokenBy(held, new UnitCommand.PlaceHold(Hold.RECALL)))
          .isEqualTo("hold-already-placed");
    }

    @Test
    void holdIsReleasedOnlyOnce() {
      UnitStatus released =
          in(UnitState.STORED, BIN)
              .apply(new UnitCommand.PlaceHold(Hold.QC))
              .apply(new UnitCommand.ReleaseHold(Hold.QC));

      assertThat(ruleBrokenBy(released, new UnitCommand.ReleaseHold(Hold.QC)))
          .isEqualTo("hold-not-placed");
    }

    @Test
    void releasingAHoldTheUnitIsNotOnIsRefusedEvenWhenItIsOnAnother() {
      UnitStatus held = in(UnitState.STORED, BIN).apply(new UnitCommand.PlaceHold(Hold.QC));

      assertThat(ruleBrokenBy(held, new UnitCommand.ReleaseHold(Hold.EXPIRED)))
          .isEqualTo("hold-not-placed");
    }

    @Test
    void shippedUnitCanStillBePutOnRecall() {
      UnitStatus after = in(UnitState.SHIPPED, BIN).apply(new UnitCommand.PlaceHold(Hold.RECALL));

      assertThat(after.has(Hold.RECALL)).isTrue();
      assertThat(after.state()).isEqualTo(UnitState.SHIPPED);
    }
  }

  @Nested
  class LostAndFound {

    @Test
    void storedUnitReportedLostIsMissingAndOutOfItsContainer() {
      UnitStatus held =
          new UnitStatus(UnitState.STORED, BIN, PALLET, Hold.QC.bit(), Map.of("IMEI", "1"));

      UnitStatus lost = held.apply(new UnitCommand.Lose());

      assertThat(lost.state()).isEqualTo(UnitState.MISSING);
      assertThat(lost.container()).isNull();
      assertThat(lost.location()).as("where it was last seen").isEqualTo(BIN);
      assertThat(lost.has(Hold.QC)).isTrue();
      assertThat(lost.fields()).isEqualTo(held.fields());
    }

    @Test
    void missingUnitFoundInStorageIsStored() {
      UnitStatus found =
          in(UnitState.MISSING, BIN).apply(new UnitCommand.Find(OTHER_BIN, LocationType.STORAGE));

      assertThat(found.state()).isEqualTo(UnitState.STORED);
      assertThat(found.location()).isEqualTo(OTHER_BIN);
      assertThat(found.container()).isNull();
    }

    @Test
    void missingUnitFoundOnADockIsReceived() {
      UnitStatus found =
          in(UnitState.MISSING, BIN).apply(new UnitCommand.Find(DOCK, LocationType.DOCK));

      assertThat(found.state()).isEqualTo(UnitState.RECEIVED);
    }

    @Test
    void aUnitOnItsWayLostByItsTransferIsMissingInNoLocationOutOfItsContainer() {
      UnitStatus onTheWay =
          new UnitStatus(
              UnitState.IN_TRANSIT, null, PALLET, Hold.RECALL.bit(), Map.of("IMEI", "1"));

      UnitStatus lost = onTheWay.apply(new UnitCommand.LoseOnTheWay());

      assertThat(lost.state()).isEqualTo(UnitState.MISSING);
      assertThat(lost.location()).isNull();
      assertThat(lost.container()).isNull();
      assertThat(lost.has(Hold.RECALL)).isTrue();
      assertThat(lost.fields()).isEqualTo(onTheWay.fields());
      assertThat(lost.apply(new UnitCommand.Find(BIN, LocationType.STORAGE)).state())
          .isEqualTo(UnitState.STORED);
    }

    @Test
    void onlyAUnitOnItsWayIsLostOnTheWay() {
      assertThat(ruleBrokenBy(in(UnitState.STORED, BIN), new UnitCommand.LoseOnTheWay()))
          .isEqualTo("unit-not-in-transit");
      assertThat(ruleBrokenBy(in(UnitState.MISSING, BIN), new UnitCommand.LoseOnTheWay()))
          .isEqualTo("unit-not-in-transit");
    }

    @Test
    void missingUnitCannotBeLostAgain() {
      assertThat(ruleBrokenBy(in(UnitState.MISSING, BIN), new UnitCommand.Lose()))
          .isEqualTo("unit-missing");
    }

    @Test
    void expectedUnitCannotBeLostBeforeItIsReceived() {
      assertThat(
              ruleBrokenBy(
                  new UnitStatus(UnitState.EXPECTED, null, null, 0, Map.of()),
                  new UnitCommand.Lose()))
          .isEqualTo("unit-not-received");
    }

    @Test
    void shippedUnitCannotBeLostFromTheBuilding() {
      assertThat(ruleBrokenBy(in(UnitState.SHIPPED, BIN), new UnitCommand.Lose()))
          .isEqualTo("unit-not-in-building");
    }

    @ParameterizedTest
    @EnumSource(
        value = UnitState.class,
        names = {"MISSING", "CONSUMED", "SCRAPPED", "RETURNED_TO_VENDOR", "DECOMMISSIONED"},
        mode = EnumSource.Mode.EXCLUDE)
    void onlyAMissingUnitCanBeFound(UnitState state) {
      assertThat(
              ruleBrokenBy(in(state, BIN), new UnitCommand.Find(OTHER_BIN, LocationType.STORAGE)))
          .isEqualTo("unit-not-missing");
    }

    @Test
    void missingUnitCannotBeObserved() {
      assertThat(ruleBrokenBy(in(UnitState.MISSING, BIN), new UnitCommand.Observe(BIN)))
          .isEqualTo("unit-missing");
    }
  }

  @Nested
  class Observing {

    @Test
    void observationChangesNothing() {
      UnitStatus before =
          new UnitStatus(UnitState.STORED, BIN, PALLET, Hold.QC.bit(), Map.of("IMEI", "1"));

      assertThat(before.apply(new UnitCommand.Observe(OTHER_BIN))).isEqualTo(before);
    }

    @Test
    void expectedUnitCannotBeObservedBeforeItIsReceived() {
      assertThat(
              ruleBrokenBy(
                  new UnitStatus(UnitState.EXPECTED, null, null, 0, Map.of()),
                  new UnitCommand.Observe(BIN)))
          .isEqualTo("unit-not-received");
    }

    @Test
    void shippedUnitCannotBeObservedInTheBuilding() {
      assertThat(ruleBrokenBy(in(UnitState.SHIPPED, BIN), new UnitCommand.Observe(BIN)))
          .isEqualTo("unit-not-in-building");
    }
  }

  @Nested
  class CustomFields {

    @Test
    void settingFieldsAddsAndOverwritesButKeepsTheOthers() {
      UnitStatus before =
          new UnitStatus(UnitState.STORED, BIN, null, 0, Map.of("IMEI", "1", "firmware", "1.0"));

      UnitStatus after =
          before.apply(new UnitCommand.SetFields(Map.of("firmware", "2.0", "colour", "black")));

      assertThat(after.fields())
          .containsOnly(
              Map.entry("IMEI", "1"), Map.entry("firmware", "2.0"), Map.entry("colour", "black"));
      assertThat(after.state()).isEqualTo(UnitState.STORED);
    }

    @Test
    void fieldsOfAnExpectedUnitCanBeRecordedBeforeItArrives() {
      UnitStatus after =
          new UnitStatus(UnitState.EXPECTED, null, null, 0, Map.of())
              .apply(new UnitCommand.SetFields(Map.of("IMEI", "7")));

      assertThat(after.fields()).containsEntry("IMEI", "7");
    }

    @Test
    void statusIsImmutable() {
      HashMap<String, String> given = new HashMap<>(Map.of("IMEI", "1"));
      UnitStatus s = new UnitStatus(UnitState.STORED, BIN, null, 0, given);
      given.put("IMEI", "2");

      assertThat(s.fields()).containsEntry("IMEI", "1");
      assertThatThrownBy(() -> s.fields().put("x", "y"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class TerminalStates {

    @ParameterizedTest
    @EnumSource(
        value = UnitState.class,
        names = {"CONSUMED", "SCRAPPED", "RETURNED_TO_VENDOR", "DECOMMISSIONED"})
    void nothingMoreHappensToAUnitInATerminalState(UnitState terminal) {
      UnitStatus status = new UnitStatus(terminal, BIN, null, Hold.QC.bit(), Map.of());

      for (UnitCommand command : everyCommand()) {
        assertThat(ruleBrokenBy(status, command))
            .as("%s on a %s unit", command, terminal)
            .isEqualTo("unit-terminal");
      }
    }

    @Test
    void theTerminalStatesAreExactlyThoseOfTheDesign() {
      assertThat(EnumSet.copyOf(UnitState.TERMINAL))
          .containsExactlyInAnyOrder(
              UnitState.CONSUMED,
              UnitState.SCRAPPED,
              UnitState.RETURNED_TO_VENDOR,
              UnitState.DECOMMISSIONED);
    }
  }

  @Nested
  class InTheBuilding {

    @ParameterizedTest
    @EnumSource(
        value = UnitState.class,
        names = {"RECEIVED", "STORED", "ALLOCATED", "PICKED", "PACKED", "RETURNED", "IN_REPAIR"})
    void everyUnitInTheBuildingCanBeObservedLostAndPacked(UnitState state) {
      UnitStatus s = in(state, BIN);

      assertThat(s.apply(new UnitCommand.Observe(BIN))).isEqualTo(s);
      assertThat(s.apply(new UnitCommand.Lose()).state()).isEqualTo(UnitState.MISSING);
      assertThat(s.apply(new UnitCommand.Pack(CASE, BIN)).container()).isEqualTo(CASE);
    }

    @Test
    void refusalsExplainThemselves() {
      assertThatThrownBy(
              () ->
                  packed(UnitState.STORED, BIN, PALLET)
                      .apply(moveTo(OTHER_BIN, LocationType.STORAGE)))
          .isInstanceOf(TransitionRefused.class)
          .hasMessageContaining("move the container");
    }
  }
}
