package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.shared.Problem;
import org.junit.jupiter.api.Test;

/** What a putaway scan or typed entry names, before anything is looked up. */
class PutawayScanTest {

  private static final String SYRUP = "09506000134369";

  @Test
  void anSsccNamesAContainer() {
    Putaway.Target t =
        PutawayScan.target("(00)095060001000000005", null, null, null, null, null, null);

    assertThat(t.sscc().value()).isEqualTo("095060001000000005");
    assertThat(t.unit()).isNull();
  }

  @Test
  void aGtinAndSerialNameAUnit() {
    Putaway.Target t =
        PutawayScan.target("(01)" + SYRUP + "(21)A1", null, null, null, null, null, null);

    assertThat(t.unit().serial().value()).isEqualTo("A1");
  }

  @Test
  void aLabelWithoutSerialNamesCountedGoodsItsCountBeforeTheTypedQuantity() {
    Putaway.Target t =
        PutawayScan.target("(01)" + SYRUP + "(10)L1(30)12", null, null, null, "L9", 5, " DOCK-1 ");

    assertThat(t.counted()).isEqualTo(new Putaway.Counted(t.counted().gtin(), "L1", 12, "DOCK-1"));
  }

  @Test
  void aTypedGtinWithoutSerialIsAllOfItOnTheDock() {
    Putaway.Target t = PutawayScan.target(null, SYRUP, null, null, " L1 ", null, null);

    assertThat(t.counted().lot()).isEqualTo("L1");
    assertThat(t.counted().quantity()).isNull();
    assertThat(t.counted().from()).isNull();
  }

  @Test
  void refusesAQuantityBelowOneAndAnEmptyEntry() {
    assertThat(refusal(() -> PutawayScan.target(null, SYRUP, null, null, null, 0, null)).field())
        .isEqualTo("quantity");
    assertThat(refusal(() -> PutawayScan.target(null, null, null, null, null, null, null)).field())
        .isEqualTo("scan");
    assertThat(refusal(() -> PutawayScan.target(null, null, null, "123", null, null, null)).code())
        .isEqualTo("invalid-sscc");
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
