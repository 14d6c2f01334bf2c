package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which goods decide a bin, and where goods may go, without a database. */
class GoodsOnDockTest {

  private static final GoodsOnDock.LocationRow DOCK =
      new GoodsOnDock.LocationRow(1, "WH1", null, "DOCK-1", LocationType.DOCK);

  private static GoodsOnDock.UnitRow unit(long id, long product, Long lot) {
    return new GoodsOnDock.UnitRow(
        product, lot, "09506000134352", "S" + id, UnitState.RECEIVED, 1L, 9L, 0);
  }

  private static GoodsOnDock goods(boolean held) {
    return new GoodsOnDock(null, null, List.of(), DOCK, held, 1L, null);
  }

  private static Location place(String code, LocationType type) {
    return new Location(5, "WH1", null, code, code, "BIN", type);
  }

  @Test
  void theProductAndLotOfMostUnitsDecideAContainersBin() {
    assertThat(GoodsOnDock.dominant(List.of(unit(1, 7, 70L), unit(2, 8, 80L), unit(3, 8, 80L))))
        .containsExactly(8L, 80L);
  }

  @Test
  void aTieGoesToTheLowestProductThenTheLowestLot() {
    assertThat(
            GoodsOnDock.dominant(
                List.of(unit(1, 8, 81L), unit(2, 8, 80L), unit(3, 7, 90L), unit(4, 7, 90L))))
        .containsExactly(7L, 90L);
    assertThat(GoodsOnDock.dominant(List.of(unit(1, 8, 81L), unit(2, 8, 80L))))
        .containsExactly(8L, 80L);
  }

  @Test
  void anEmptyContainerHasNoProductToDecide() {
    assertThat(GoodsOnDock.dominant(List.of())).isEqualTo(Arrays.asList(null, null));
  }

  @Test
  void goodsGoToStorageAndHeldGoodsToQuarantine() {
    goods(false).requireFits(place("A-01", LocationType.STORAGE));
    goods(true).requireFits(place("Q-01", LocationType.QUARANTINE));

    Problem p = refusal(() -> goods(true).requireFits(place("A-01", LocationType.STORAGE)));
    assertThat(p.code()).isEqualTo("wrong-location-type");
    assertThat(p.extras()).containsEntry("expected", "QUARANTINE");
    assertThat(
            refusal(() -> goods(false).requireFits(place("Q-01", LocationType.QUARANTINE)))
                .getMessage())
        .isEqualTo("Q-01 is a QUARANTINE location: putaway goes to a STORAGE location");
  }

  @Test
  void goodsNotOnADockAreRefusedSayingWhereTheyAre() {
    Problem p = GoodsOnDock.notOnDock("unit X", UnitState.STORED, "A-01");

    assertThat(p.code()).isEqualTo("not-on-dock");
    assertThat(p.getMessage())
        .isEqualTo("unit X is STORED at A-01: only goods RECEIVED on a dock are put away");
    assertThat(p.extras()).containsEntry("location", "A-01");
  }

  private static Problem refusal(Runnable r) {
    try {
      r.run();
    } catch (Problem p) {
      return p;
    }
    throw new AssertionError("not refused");
  }
}
