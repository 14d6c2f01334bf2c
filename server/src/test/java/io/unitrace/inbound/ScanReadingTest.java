package io.unitrace.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the dock's scans and typed items are read into candidates, before any fact is looked at. */
class ScanReadingTest {

  private static final String PHONE = "09506000134352";
  private static final String SYRUP = "09506000134369";

  private static Receiving.ScanRequest request(
      String scan, String product, String gtin, String serial, String lot, Integer quantity) {
    return new Receiving.ScanRequest(
        scan, product, gtin, serial, lot, null, null, false, false, null, null, quantity, null);
  }

  private static Candidate item(ScanReading.Read read) {
    assertThat(read).isInstanceOf(ScanReading.Item.class);
    return ((ScanReading.Item) read).candidate();
  }

  private static Problem refusal(Runnable reading) {
    try {
      reading.run();
    } catch (Problem p) {
      return p;
    }
    throw new AssertionError("not refused");
  }

  @Test
  void aLabelWithGtinAndSerialIsAUnitWithItsLotAndExpiry() {
    Candidate c =
        item(
            ScanReading.scan(new Receiving.ScanRequest("(01)" + PHONE + "(21)A1(10)B7(17)271231")));

    assertThat(c.gtin()).isEqualTo(PHONE);
    assertThat(c.serial()).isEqualTo("A1");
    assertThat(c.lot()).isEqualTo("B7");
    assertThat(c.expiry()).isEqualTo(LocalDate.of(2027, 12, 31));
    assertThat(c.quantity()).isEqualTo(1);
    assertThat(c.needsLabel()).isFalse();
  }

  @Test
  void aPlainSerialAfterAProductScanIsASerialOfThatProductNeedingALabel() {
    Candidate c = item(ScanReading.scan(request("SN-123", PHONE, null, null, null, null)));

    assertThat(c.gtin()).isEqualTo(PHONE);
    assertThat(c.serial()).isEqualTo("SN-123");
    assertThat(c.needsLabel()).isTrue();
  }

  @Test
  void digitsThatWouldReadAsGs1AfterAProductScanAreStillAPlainSerial() {
    Candidate c = item(ScanReading.scan(request("01" + SYRUP, PHONE, null, null, null, null)));

    assertThat(c.gtin()).isEqualTo(PHONE);
    assertThat(c.serial()).isEqualTo("01" + SYRUP);
  }

  @Test
  void bracketedGs1AfterAProductScanIsReadAsGs1() {
    Candidate c =
        item(ScanReading.scan(request("(01)" + SYRUP + "(21)X9", PHONE, null, null, null, null)));

    assertThat(c.gtin()).isEqualTo(SYRUP);
    assertThat(c.serial()).isEqualTo("X9");
  }

  @Test
  void aGtinWithoutSerialIsAProductScanDecidedOnceItsTrackingIsKnown() {
    ScanReading.Read read =
        ScanReading.scan(new Receiving.ScanRequest("(01)" + SYRUP + "(10)L1(30)24"));

    assertThat(read).isInstanceOf(ScanReading.ProductScan.class);
    Candidate counted = ((ScanReading.ProductScan) read).counted();
    assertThat(counted.counted()).isTrue();
    assertThat(counted.quantity()).isEqualTo(24);
    assertThat(counted.lot()).isEqualTo("L1");
    assertThat(((ScanReading.ProductScan) read).unidentified().quantity()).isEqualTo(1);
  }

  @Test
  void anSsccAloneIsAContainer() {
    ScanReading.Read read = ScanReading.scan(new Receiving.ScanRequest("(00)095060001000000005"));

    assertThat(read).isInstanceOf(ScanReading.Container.class);
    assertThat(((ScanReading.Container) read).sscc().value()).isEqualTo("095060001000000005");
  }

  @Test
  void aTypedGtinAndQuantityIsThatQuantity() {
    Candidate c = item(ScanReading.scan(request(null, null, SYRUP, null, "L1", 7)));

    assertThat(c.counted()).isTrue();
    assertThat(c.quantity()).isEqualTo(7);
    assertThat(c.lot()).isEqualTo("L1");
  }

  @Test
  void aTypedGtinAloneIsOne() {
    assertThat(item(ScanReading.scan(request(null, null, SYRUP, null, null, null))).quantity())
        .isEqualTo(1);
  }

  @Test
  void refusesAQuantityOfNoneOrMoreThanAMillion() {
    assertThat(refusal(() -> ScanReading.scan(request(null, null, SYRUP, null, null, 0))).field())
        .isEqualTo("quantity");
    assertThat(
            refusal(() -> ScanReading.scan(request(null, null, SYRUP, null, null, 1_000_001)))
                .code())
        .isEqualTo("invalid-field");
  }

  @Test
  void refusesAPlainSerialWithoutItsProduct() {
    assertThat(
            refusal(() -> ScanReading.scan(request(null, null, null, "SN-1", null, null))).code())
        .isEqualTo("product-required");
  }

  @Test
  void refusesAnEmptyScan() {
    assertThat(refusal(() -> ScanReading.scan(null)).field()).isEqualTo("scan");
  }

  @Test
  void refusesATypedGtinWithAWrongCheckDigit() {
    Problem p =
        refusal(() -> ScanReading.scan(request(null, null, "09506000134353", "A", null, null)));

    assertThat(p.code()).isEqualTo("invalid-gtin");
    assertThat(p.field()).isEqualTo("gtin");
  }

  @Test
  void listedItemsAreNamedByTheirPositionInTheRequest() {
    List<Candidate> read =
        ScanReading.listed(
            List.of(
                new Receiving.ScanRequest("(01)" + PHONE + "(21)A1"),
                request(null, null, SYRUP, null, "L1", 3)));

    assertThat(read).extracting(Candidate::at).containsExactly("items[0].", "items[1].");
    assertThat(read.get(1).field("lot")).isEqualTo("items[1].lot");
  }

  @Test
  void refusesAListedScanThatNamesNoItem() {
    Problem p =
        refusal(
            () ->
                ScanReading.listed(
                    Arrays.asList(
                        new Receiving.ScanRequest("(01)" + PHONE + "(21)A1"),
                        new Receiving.ScanRequest("(00)095060001000000005"))));

    assertThat(p.code()).isEqualTo("scan-not-a-unit");
    assertThat(p.field()).isEqualTo("items[1].scan");
  }

  @Test
  void refusesAListedQuantityThatAlsoNamesASerial() {
    Problem p =
        refusal(
            () ->
                ScanReading.listed(
                    List.of(request("(01)" + SYRUP + "(30)5", null, null, "S", null, null))));

    assertThat(p.field()).isEqualTo("items[0].serial");
  }

  @Test
  void aRequestWithoutAKeyGetsOneAndALongKeyIsRefused() {
    assertThat(ScanReading.requestKey(" ")).startsWith("auto:");
    assertThat(ScanReading.requestKey(" k1 ")).isEqualTo("k1");
    assertThatThrownBy(() -> ScanReading.requestKey("k".repeat(81)))
        .isInstanceOf(Problem.class)
        .hasMessageContaining("at most 80");
  }
}
