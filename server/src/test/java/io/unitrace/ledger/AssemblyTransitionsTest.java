package io.unitrace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.domain.TransitionRefused;
import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unit's rules for assembly: only goods in stock, loose and on no hold, are built into another
 * unit, and they go CONSUMED without a place; only a CONSUMED unit comes back out; the finished
 * unit must be in the building and stays as it is. Every such command survives the ledger's
 * encoding, so a replay rebuilds a consumed unit.
 */
class AssemblyTransitionsTest {

  static final long DOCK = 1;
  static final long BIN = 2;
  static final long FINISHED = 77;
  static final long CARTON = 100;

  static UnitStatus status(UnitState state, Long location, Long container, int holds) {
    return new UnitStatus(state, location, container, holds, Map.of("IMEI", "356938035643809"));
  }

  static String refusal(UnitStatus status, UnitCommand command) {
    try {
      status.apply(command);
    } catch (TransitionRefused e) {
      return e.rule();
    }
    throw new AssertionError(command + " on a " + status.state() + " unit was not refused");
  }

  @Test
  void aStoredUnitBuiltIntoAnotherIsConsumedAndLeavesItsBin() {
    UnitStatus after =
        status(UnitState.STORED, BIN, null, 0).apply(new UnitCommand.Consume(FINISHED));
    assertThat(after.state()).isEqualTo(UnitState.CONSUMED);
    assertThat(after.location()).isNull();
    assertThat(after.fields()).containsEntry("IMEI", "356938035643809");
  }

  @Test
  void aUnitStillOnTheDockMayBeBuiltIn() {
    assertThat(
            status(UnitState.RECEIVED, DOCK, null, 0)
                .apply(new UnitCommand.Consume(FINISHED))
                .state())
        .isEqualTo(UnitState.CONSUMED);
  }

  @Test
  void aConsumedUnitCannotBeBuiltInAgain() {
    assertThat(
            refusal(status(UnitState.CONSUMED, null, null, 0), new UnitCommand.Consume(FINISHED)))
        .isEqualTo("component-consumed");
  }

  @ParameterizedTest
  @EnumSource(
      value = UnitState.class,
      names = {"RECEIVED", "STORED", "CONSUMED"},
      mode = EnumSource.Mode.EXCLUDE)
  void onlyGoodsInStockAreBuiltIn(UnitState state) {
    assertThat(refusal(status(state, BIN, null, 0), new UnitCommand.Consume(FINISHED)))
        .isEqualTo("component-not-in-stock");
  }

  @Test
  void aHeldUnitIsNotBuiltIn() {
    assertThat(
            refusal(
                status(UnitState.STORED, BIN, null, Hold.QC.bit()),
                new UnitCommand.Consume(FINISHED)))
        .isEqualTo("component-held");
  }

  @Test
  void aUnitInsideAContainerIsUnpackedBeforeItIsBuiltIn() {
    assertThat(refusal(status(UnitState.STORED, BIN, CARTON, 0), new UnitCommand.Consume(FINISHED)))
        .isEqualTo("component-in-container");
  }

  @Test
  void aRecoveredComponentIsStoredInABinOrReceivedOnADock() {
    UnitStatus consumed = status(UnitState.CONSUMED, null, null, 0);
    UnitStatus stored =
        consumed.apply(new UnitCommand.Recover(FINISHED, BIN, LocationType.STORAGE));
    assertThat(stored.state()).isEqualTo(UnitState.STORED);
    assertThat(stored.location()).isEqualTo(BIN);
    assertThat(consumed.apply(new UnitCommand.Recover(FINISHED, DOCK, LocationType.DOCK)).state())
        .isEqualTo(UnitState.RECEIVED);
  }

  @Test
  void onlyAConsumedUnitIsRecovered() {
    assertThat(
            refusal(
                status(UnitState.STORED, BIN, null, 0),
                new UnitCommand.Recover(FINISHED, BIN, LocationType.STORAGE)))
        .isEqualTo("unit-not-consumed");
    assertThat(
            refusal(
                status(UnitState.SCRAPPED, null, null, 0),
                new UnitCommand.Recover(FINISHED, BIN, LocationType.STORAGE)))
        .isEqualTo("unit-not-consumed");
  }

  @Test
  void theFinishedUnitStaysAsItIsButMustBeInTheBuilding() {
    UnitStatus stored = status(UnitState.STORED, BIN, null, Hold.QC.bit());
    assertThat(stored.apply(new UnitCommand.Build(false))).isEqualTo(stored);
    assertThat(stored.apply(new UnitCommand.Build(true))).isEqualTo(stored);
    assertThat(refusal(status(UnitState.SHIPPED, null, null, 0), new UnitCommand.Build(false)))
        .isEqualTo("unit-not-in-building");
    assertThat(refusal(status(UnitState.CONSUMED, null, null, 0), new UnitCommand.Build(false)))
        .isEqualTo("unit-terminal");
  }

  @Test
  void assemblyCommandsSurviveTheLedgersEncoding() {
    CommandCodec codec = new CommandCodec(JsonMapper.builder().build());
    for (UnitCommand c :
        List.of(
            new UnitCommand.Consume(FINISHED),
            new UnitCommand.Recover(FINISHED, BIN, LocationType.STORAGE),
            new UnitCommand.Build(false),
            new UnitCommand.Build(true))) {
      assertThat(codec.decode(codec.encode(c))).as("%s", c).isEqualTo(c);
    }
  }
}
