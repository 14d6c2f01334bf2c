package io.unitrace.recalls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.ledger.UnitState;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClosureTest {

  @Test
  void recoveredAndDestroyedUnitsResolveTheCampaignHeldOnesOnlyContainIt() {
    Closure c =
        Closure.of(
            Map.of(
                Whereabouts.IN_STOCK, 4L,
                Whereabouts.AT_CUSTOMER, 3L,
                Whereabouts.RETURNED, 2L,
                Whereabouts.DESTROYED, 1L),
            4,
            5,
            2,
            0,
            0,
            3,
            1);
    assertThat(c.affected()).isEqualTo(10);
    assertThat(c.destroyed()).isEqualTo(1);
    assertThat(c.recovered()).isEqualTo(2);
    assertThat(c.resolved()).isEqualTo(3);
    assertThat(c.percentComplete()).isEqualTo(30.0);
    assertThat(c.customersContacted()).isEqualTo(1);
  }

  @Test
  void aRecoveredUnitThatWasThenScrappedCountsOnce() {
    Closure c =
        Closure.of(
            Map.of(Whereabouts.DESTROYED, 2L, Whereabouts.AT_CUSTOMER, 1L), 0, 3, 2, 2, 0, 1, 1);
    assertThat(c.resolved()).isEqualTo(2);
    assertThat(c.percentComplete()).isEqualTo(66.7);
    assertThatThrownBy(() -> Closure.of(Map.of(), 0, 0, 1, 2, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aComponentBuiltIntoAUnitIsResolvedWhenThatUnitIsAndOutstandingWhileItIsOut() {
    // Two phones, each with a pack and a cell inside: one phone came back, one is still out.
    Map<Whereabouts, Long> now =
        Map.of(Whereabouts.RETURNED, 1L, Whereabouts.AT_CUSTOMER, 1L, Whereabouts.CONSUMED, 4L);
    Closure c = Closure.of(now, 0, 2, 1, 0, 2, 2, 0);
    assertThat(c.affected()).isEqualTo(6);
    assertThat(c.resolvedThroughParent()).isEqualTo(2);
    assertThat(c.resolved()).isEqualTo(3);
    assertThat(c.percentComplete()).isEqualTo(50.0);
    Closure allOut = Closure.of(now, 0, 2, 0, 0, 0, 2, 0);
    assertThat(allOut.resolved()).as("components of units still out are outstanding").isZero();
    assertThatThrownBy(() -> Closure.of(now, 0, 2, 1, 0, 5, 2, 0))
        .as("only built-in units resolve through the unit they are in")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFiguresSayWhatAFalseAlarmReleased() {
    Closure c = Closure.of(Map.of(Whereabouts.IN_STOCK, 3L), 3, 0, 0, 0, 0, 0, 0).released(3, 12);
    assertThat(c.releasedUnits()).isEqualTo(3);
    assertThat(c.releasedQuantity()).isEqualTo(12);
    assertThat(c.percentComplete()).isZero();
  }

  @Test
  void nothingAffectedIsComplete() {
    assertThat(Closure.of(Map.of(), 0, 0, 0, 0, 0, 0, 0).percentComplete()).isEqualTo(100.0);
  }

  @Test
  void everyUnitStillInTheBuildingOrBetweenOurWarehousesIsHeldAndShippedOnesAreNot() {
    for (UnitState s : UnitState.values()) {
      boolean ours =
          switch (s) {
            case EXPECTED,
                RECEIVED,
                STORED,
                ALLOCATED,
                PICKED,
                PACKED,
                RETURNED,
                IN_REPAIR,
                MISSING,
                IN_TRANSIT ->
                true;
            default -> false;
          };
      assertThat(Whereabouts.of(s).held()).as(s.name()).isEqualTo(ours);
    }
    assertThat(Whereabouts.of(UnitState.SCRAPPED).disposed()).isTrue();
    assertThat(Whereabouts.of(UnitState.SHIPPED)).isEqualTo(Whereabouts.AT_CUSTOMER);
  }
}
