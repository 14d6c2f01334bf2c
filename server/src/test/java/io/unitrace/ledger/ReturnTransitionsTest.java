package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unit's rules for goods coming back: only a shipped unit is returned, once; a returned unit is
 * inspected where it is and routed on; a repaired one is routed again; notes change nothing, even
 * on a terminal unit. And every such command survives the ledger's encoding unchanged.
 */
class ReturnTransitionsTest {

  static final long DOCK = 1;
  static final long BIN = 2;
  static final long QUARANTINE = 4;
  static final long REPAIR = 5;
  static final long CARTON = 100;

  static UnitStatus status(UnitState state, Long location, int holds) {
    return new UnitStatus(state, location, null, holds, Map.of("IMEI", "356938035643809"));
  }

  static UnitStatus shipped() {
    return new UnitStatus(UnitState.SHIPPED, null, CARTON, 0, Map.of("IMEI", "356938035643809"));
  }

  static UnitStatus returned() {
    return status(UnitState.RETURNED, DOCK, 0);
  }

  static String refusal(UnitStatus status, UnitCommand command) {
    try {
      status.apply(command);
    } catch (TransitionRefused e) {
      return e.rule();
    }
    throw new AssertionError(command + " on a " + status.state() + " unit was not refused");
  }

  static UnitCommand.Route route(UnitState to, Long location, LocationType type) {
    return new UnitCommand.Route(to, location, type);
  }

  @Test
  void aShippedUnitComesBackReturnedOnTheDockOutOfItsCarton() {
    UnitStatus after = shipped().apply(new UnitCommand.Return(DOCK, LocationType.DOCK, 0));
    assertThat(after.state()).isEqualTo(UnitState.RETURNED);
    assertThat(after.location()).isEqualTo(DOCK);
    assertThat(after.container()).isNull();
    assertThat(after.holds()).isZero();
    assertThat(after.fields()).containsEntry("IMEI", "356938035643809");
  }

  @Test
  void aSuspiciousReturnComesBackHeldInQuarantine() {
    UnitStatus held = shipped().apply(new UnitCommand.PlaceHold(Hold.RECALL));
    UnitStatus after =
        held.apply(new UnitCommand.Return(QUARANTINE, LocationType.QUARANTINE, Hold.SUSPECT.bit()));
    assertThat(after.location()).isEqualTo(QUARANTINE);
    assertThat(after.has(Hold.SUSPECT)).isTrue();
    assertThat(after.has(Hold.RECALL)).isTrue();
  }

  @Test
  void aUnitBackAlreadyIsNotReturnedTwice() {
    UnitCommand again = new UnitCommand.Return(DOCK, LocationType.DOCK, 0);
    assertThat(refusal(returned(), again)).isEqualTo("already-returned");
    assertThat(refusal(status(UnitState.IN_REPAIR, REPAIR, 0), again))
        .isEqualTo("already-returned");
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitState.class,
      names = {"EXPECTED", "RECEIVED", "STORED", "ALLOCATED", "PICKED", "PACKED", "MISSING"})
  void onlyAShippedUnitComesBack(UnitState state) {
    assertThat(refusal(status(state, BIN, 0), new UnitCommand.Return(DOCK, LocationType.DOCK, 0)))
        .isEqualTo("unit-not-shipped");
  }

  @Test
  void aReturnedUnitIsInspectedWhereItIsWithoutChange() {
    UnitStatus r = returned();
    assertThat(r.apply(new UnitCommand.Inspect("GOOD"))).isEqualTo(r);
    UnitStatus repair = status(UnitState.IN_REPAIR, REPAIR, 0);
    assertThat(repair.apply(new UnitCommand.Inspect("GOOD"))).isEqualTo(repair);
  }

  @Test
  void onlyAReturnedUnitIsInspected() {
    assertThat(refusal(shipped(), new UnitCommand.Inspect("GOOD"))).isEqualTo("unit-not-returned");
    assertThat(refusal(status(UnitState.STORED, BIN, 0), new UnitCommand.Inspect("GOOD")))
        .isEqualTo("unit-not-returned");
  }

  @Test
  void restockedOnADockItWaitsForPutaway() {
    UnitStatus after = returned().apply(route(UnitState.RECEIVED, DOCK, LocationType.DOCK));
    assertThat(after.state()).isEqualTo(UnitState.RECEIVED);
    assertThat(after.location()).isEqualTo(DOCK);
  }

  @Test
  void restockedInAStorageBinItIsStored() {
    UnitStatus after = returned().apply(route(UnitState.STORED, BIN, LocationType.STORAGE));
    assertThat(after.state()).isEqualTo(UnitState.STORED);
    assertThat(after.location()).isEqualTo(BIN);
  }

  @Test
  void restockNeedsTheRightKindOfLocation() {
    assertThat(refusal(returned(), route(UnitState.RECEIVED, BIN, LocationType.STORAGE)))
        .isEqualTo("route-not-allowed");
    assertThat(refusal(returned(), route(UnitState.STORED, DOCK, LocationType.DOCK)))
        .isEqualTo("route-not-allowed");
  }

  @Test
  void repairIsAtARepairLocation() {
    UnitStatus after = returned().apply(route(UnitState.IN_REPAIR, REPAIR, LocationType.REPAIR));
    assertThat(after.state()).isEqualTo(UnitState.IN_REPAIR);
    assertThat(after.location()).isEqualTo(REPAIR);
    assertThat(refusal(returned(), route(UnitState.IN_REPAIR, BIN, LocationType.STORAGE)))
        .isEqualTo("route-not-allowed");
  }

  @Test
  void quarantineKeepsTheUnitReturnedAtAQuarantineLocation() {
    UnitStatus after =
        returned().apply(route(UnitState.RETURNED, QUARANTINE, LocationType.QUARANTINE));
    assertThat(after.state()).isEqualTo(UnitState.RETURNED);
    assertThat(after.location()).isEqualTo(QUARANTINE);
    assertThat(refusal(returned(), route(UnitState.RETURNED, BIN, LocationType.STORAGE)))
        .isEqualTo("route-not-allowed");
  }

  @Test
  void aRepairedUnitIsNotQuarantinedButMayGoBackToItsCustomer() {
    UnitStatus repair = status(UnitState.IN_REPAIR, REPAIR, 0);
    assertThat(refusal(repair, route(UnitState.RETURNED, QUARANTINE, LocationType.QUARANTINE)))
        .isEqualTo("route-not-allowed");
    UnitStatus back = repair.apply(route(UnitState.SHIPPED, null, null));
    assertThat(back.state()).isEqualTo(UnitState.SHIPPED);
    assertThat(back.location()).isNull();
    assertThat(repair.apply(route(UnitState.STORED, BIN, LocationType.STORAGE)).state())
        .isEqualTo(UnitState.STORED);
  }

  @Test
  void onlyARepairedUnitGoesBackToItsCustomer() {
    assertThat(refusal(returned(), route(UnitState.SHIPPED, null, null)))
        .isEqualTo("route-not-allowed");
  }

  @Test
  void scrapAndReturnToVendorAreTerminalAndLeaveNoLocation() {
    for (UnitState end : List.of(UnitState.SCRAPPED, UnitState.RETURNED_TO_VENDOR)) {
      UnitStatus after = returned().apply(route(end, null, null));
      assertThat(after.state()).isEqualTo(end);
      assertThat(after.location()).isNull();
      assertThat(refusal(after, route(UnitState.STORED, BIN, LocationType.STORAGE)))
          .isEqualTo("unit-terminal");
      assertThat(refusal(after, new UnitCommand.Inspect("GOOD"))).isEqualTo("unit-terminal");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitState.class,
      names = {"EXPECTED", "RECEIVED", "STORED", "ALLOCATED", "PICKED", "PACKED", "SHIPPED"})
  void onlyAReturnedOrRepairedUnitIsRouted(UnitState state) {
    assertThat(refusal(status(state, BIN, 0), route(UnitState.SCRAPPED, null, null)))
        .isEqualTo("unit-not-returned");
  }

  @Test
  void holdsStayOnARoutedUnit() {
    UnitStatus held = status(UnitState.RETURNED, QUARANTINE, Hold.SUSPECT.bit());
    assertThat(held.apply(route(UnitState.STORED, BIN, LocationType.STORAGE)).has(Hold.SUSPECT))
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitState.class,
      names = {"SCRAPPED", "RETURNED_TO_VENDOR", "CONSUMED", "DECOMMISSIONED", "SHIPPED"})
  void aNoteChangesNothingInAnyStateTerminalOnesIncluded(UnitState state) {
    UnitStatus s = status(state, null, Hold.QC.bit());
    assertThat(s.apply(new UnitCommand.Note(Map.of("replacedBy", "SN2")))).isEqualTo(s);
  }

  @Test
  void everyReturnsCommandSurvivesTheLedgersEncoding() {
    CommandCodec codec = new CommandCodec(JsonMapper.builder().build());
    List<UnitCommand> commands =
        List.of(
            new UnitCommand.Return(DOCK, LocationType.DOCK, 0),
            new UnitCommand.Return(QUARANTINE, LocationType.QUARANTINE, Hold.SUSPECT.bit()),
            new UnitCommand.Inspect("DAMAGED"),
            route(UnitState.RECEIVED, DOCK, LocationType.DOCK),
            route(UnitState.IN_REPAIR, REPAIR, LocationType.REPAIR),
            route(UnitState.SCRAPPED, null, null),
            route(UnitState.SHIPPED, null, null),
            new UnitCommand.Note(Map.of("replacedBy", "SN2", "case", "confirmed")));
    for (UnitCommand c : commands) {
      assertThat(codec.decode(codec.encode(c))).as("%s", c).isEqualTo(c);
    }
  }

  @Test
  void theRouteRulesCoverEveryTarget() {
    EnumSet<UnitState> reachable = EnumSet.noneOf(UnitState.class);
    UnitStatus r = returned();
    for (UnitCommand.Route c :
        List.of(
            route(UnitState.RECEIVED, DOCK, LocationType.DOCK),
            route(UnitState.STORED, BIN, LocationType.STORAGE),
            route(UnitState.IN_REPAIR, REPAIR, LocationType.REPAIR),
            route(UnitState.RETURNED, QUARANTINE, LocationType.QUARANTINE),
            route(UnitState.SCRAPPED, null, null),
            route(UnitState.RETURNED_TO_VENDOR, null, null))) {
      reachable.add(r.apply(c).state());
    }
    assertThat(reachable).hasSize(6);
    assertThatThrownBy(() -> r.apply(route(UnitState.ALLOCATED, BIN, LocationType.STORAGE)))
        .isInstanceOf(TransitionRefused.class);
  }
}
