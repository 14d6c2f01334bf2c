package io.unitrace.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.CheckDigit;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.shared.Problem;
import org.junit.jupiter.api.Test;

/**
 * What a picker scanned or typed: a unit, a container or counted goods, in every form the floor
 * sends; bad input is refused naming the field.
 */
class PickScanTest {

  private static final String GTIN = "09506000134352";
  private static final String SSCC = sscc("10614141123456789".substring(0, 17));

  private static String sscc(String body) {
    return body + CheckDigit.compute(body);
  }

  private static PickScan.Read read(
      String scan, String gtin, String serial, String sscc, String lot, Long quantity) {
    return PickScan.read(scan, gtin, serial, sscc, lot, quantity);
  }

  private static Problem refused(Runnable r) {
    try {
      r.run();
    } catch (Problem p) {
      return p;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void readsAUnitFromAGs1DataMatrixElementString() {
    var read = read("(01)" + GTIN + "(21)SN-1", null, null, null, null, null);
    assertThat(read).isInstanceOf(PickScan.Unit.class);
    var unit = ((PickScan.Unit) read).ref();
    assertThat(unit.gtin()).isEqualTo(new Gtin(GTIN));
    assertThat(unit.serial().value()).isEqualTo("SN-1");
  }

  @Test
  void readsAUnitFromARawDataMatrixWithLotAndExpiry() {
    var read =
        read("]d201" + GTIN + "17301231" + "10LOT7\u001d21SN-2", null, null, null, null, null);
    assertThat(((PickScan.Unit) read).ref().serial().value()).isEqualTo("SN-2");
  }

  @Test
  void readsAContainerFromItsSsccScanOrTypedSscc() {
    assertThat(read("(00)" + SSCC, null, null, null, null, null))
        .isEqualTo(new PickScan.Container(new Sscc(SSCC)));
    assertThat(read(SSCC, null, null, null, null, null))
        .isEqualTo(new PickScan.Container(new Sscc(SSCC)));
    assertThat(read(null, null, null, " " + SSCC + " ", null, null))
        .isEqualTo(new PickScan.Container(new Sscc(SSCC)));
  }

  @Test
  void readsCountedGoodsWithTheLabelsCount() {
    assertThat(read("(01)" + GTIN + "(10)LOT7(30)12", null, null, null, null, 3L))
        .isEqualTo(new PickScan.Counted(new Gtin(GTIN), "LOT7", 12));
  }

  @Test
  void readsCountedGoodsWithATypedQuantityAndLot() {
    assertThat(read("(01)" + GTIN, null, null, null, "LOT7", 3L))
        .isEqualTo(new PickScan.Counted(new Gtin(GTIN), "LOT7", 3));
    assertThat(read(null, GTIN, null, null, " LOT8 ", 4L))
        .isEqualTo(new PickScan.Counted(new Gtin(GTIN), "LOT8", 4));
    assertThat(read(null, GTIN, null, null, null, 5L))
        .isEqualTo(new PickScan.Counted(new Gtin(GTIN), null, 5));
  }

  @Test
  void readsAPlainSerialScannedAfterTheProductsGtin() {
    var read = read("]Q1SN-PLAIN", GTIN, null, null, null, null);
    var unit = ((PickScan.Unit) read).ref();
    assertThat(unit.gtin()).isEqualTo(new Gtin(GTIN));
    assertThat(unit.serial().value()).isEqualTo("SN-PLAIN");
  }

  @Test
  void readsATypedGtinAndSerial() {
    var read = read(null, GTIN, "SN-TYPED", null, null, null);
    assertThat(((PickScan.Unit) read).ref().serial().value()).isEqualTo("SN-TYPED");
  }

  @Test
  void refusesAPlainSerialWithoutTheProductFirst() {
    Problem p = refused(() -> read("]Q1SN-PLAIN", null, null, null, null, null));
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.field()).isEqualTo("scan");
  }

  @Test
  void refusesCountedGoodsWithoutAQuantity() {
    assertThat(
            refused(() -> read("(01)" + GTIN + "(10)LOT7", null, null, null, null, null)).field())
        .isEqualTo("quantity");
    assertThat(refused(() -> read(null, GTIN, null, null, "LOT7", null)).field())
        .isEqualTo("quantity");
  }

  @Test
  void refusesAQuantityBelowOne() {
    Problem p = refused(() -> read(null, GTIN, null, null, null, 0L));
    assertThat(p.field()).isEqualTo("quantity");
  }

  @Test
  void refusesAWrongGtinSsccOrScanNamingTheField() {
    Problem gtin = refused(() -> read(null, "09506000134353", "SN", null, null, null));
    assertThat(gtin.code()).isEqualTo("invalid-gtin");
    assertThat(gtin.field()).isEqualTo("gtin");
    Problem sscc = refused(() -> read(null, null, null, "123", null, null));
    assertThat(sscc.code()).isEqualTo("invalid-sscc");
    assertThat(sscc.field()).isEqualTo("sscc");
    Problem scan = refused(() -> read("(01)" + GTIN + "(21)", null, null, null, null, null));
    assertThat(scan.code()).startsWith("gs1-");
    assertThat(scan.field()).isEqualTo("scan");
  }

  @Test
  void refusesARequestThatNamesNothing() {
    Problem p = refused(() -> read(null, null, null, null, null, null));
    assertThat(p.field()).isEqualTo("scan");
    assertThat(p.status()).isEqualTo(400);
  }
}
