package io.unitrace.inbound;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The supplier's own lot of what was received is kept: announced on the ship notice item (JSON or
 * CSV), or named at the receipt scan, and answered back as the units and site lots that came in
 * under it — the first question of a supplier recall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VendorLotIT extends IntegrationTest {

  private CountedGoods goods;
  private Site site;
  private String po;
  private String asn;

  /** Once per class (the instance lives as long as the class): the goods received below. */
  @BeforeEach
  void receiveUnderSupplierLots() {
    if (goods != null) {
      return;
    }
    goods = CountedGoods.create(admin);
    site = goods.site();
    po = unique("PO");
    ok(
        site.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Parts Inc",
                "lines",
                list(
                    map("sku", site.sku, "quantity", 5),
                    map("sku", goods.salineSku(), "quantity", 20)))));
    asn = unique("ASN");
    ok(
        site.api.post(
            "/api/v1/asns",
            map(
                "number",
                asn,
                "purchaseOrder",
                po,
                "items",
                list(
                    map("gtin", site.gtin, "serial", "VL-P1", "vendorLot", "SUP-A"),
                    map("gtin", site.gtin, "serial", "VL-P2", "vendorLot", "SUP-A"),
                    map("gtin", site.gtin, "serial", "VL-P3", "vendorLot", "SUP-B"),
                    map(
                        "gtin",
                        goods.saline(),
                        "lot",
                        "L1",
                        "expiry",
                        CountedGoods.EXPIRY,
                        "quantity",
                        6,
                        "vendorLot",
                        "SUP-S")))));
    long receipt = open(map("dock", site.dock, "asn", asn));
    ok(site.api.post("/api/v1/receipts/" + receipt + "/confirm", map()));

    // Against the PO, without a notice: the supplier lot is named at the scan.
    long blind = open(map("dock", site.dock, "purchaseOrder", po));
    ok(
        site.api.post(
            "/api/v1/receipts/" + blind + "/scans",
            map("scan", "(01)" + site.gtin + "(21)VL-P4", "vendorLot", "SUP-A")));
    ok(
        site.api.post(
            "/api/v1/receipts/" + blind + "/scans",
            map(
                "scan",
                "(01)" + goods.saline() + "(17)300131(10)L2",
                "quantity",
                4,
                "vendorLot",
                "SUP-S")));
    // No supplier lot named: nothing to find under any.
    ok(
        site.api.post(
            "/api/v1/receipts/" + blind + "/scans", map("scan", "(01)" + site.gtin + "(21)VL-P5")));
  }

  private long open(Object body) {
    var r = site.api.post("/api/v1/receipts", body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.at("/id").asLong();
  }

  private static List<String> serials(JsonNode units) {
    List<String> out = new ArrayList<>();
    units.forEach(u -> out.add(u.get("serial").asString()));
    return out;
  }

  @Test
  void unitsReceivedUnderASupplierLotAreFoundByIt() {
    var a = ok(site.api.get("/api/v1/vendor-lots/SUP-A?product=" + site.sku));
    assertThat(serials(a.at("/units"))).containsExactly("VL-P1", "VL-P2", "VL-P4");
    assertThat(a.at("/units/0/gtin").asString()).isEqualTo(site.gtin);
    assertThat(a.at("/units/0/state").asString()).isEqualTo("RECEIVED");
    assertThat(a.at("/quantities").size()).isZero();

    var b = ok(site.api.get("/api/v1/vendor-lots/SUP-B?product=" + site.sku));
    assertThat(serials(b.at("/units"))).containsExactly("VL-P3");
  }

  @Test
  void theBackwardTraceNamesTheSupplierLotAnnouncedOrScanned() {
    var announced = ok(site.api.get("/api/v1/trace/units/01/" + site.gtin + "/21/VL-P1"));
    assertThat(announced.at("/vendorLot").asString()).isEqualTo("SUP-A");
    assertThat(announced.at("/asn").asString()).isEqualTo(asn);
    var scanned = ok(site.api.get("/api/v1/trace/units/01/" + site.gtin + "/21/VL-P4"));
    assertThat(scanned.at("/vendorLot").asString()).isEqualTo("SUP-A");
    var none = ok(site.api.get("/api/v1/trace/units/01/" + site.gtin + "/21/VL-P5"));
    assertThat(none.at("/vendorLot").isNull() || none.at("/vendorLot").isMissingNode()).isTrue();
  }

  @Test
  void countedGoodsAreFoundByTheirSiteLotAndQuantity() {
    var s = ok(site.api.get("/api/v1/vendor-lots/SUP-S?product=" + goods.salineSku()));
    assertThat(s.at("/units").size()).isZero();
    assertThat(s.at("/quantities/0/lot").asString()).isEqualTo("L1");
    assertThat(s.at("/quantities/0/quantity").asLong()).isEqualTo(6);
    assertThat(s.at("/quantities/1/lot").asString()).isEqualTo("L2");
    assertThat(s.at("/quantities/1/quantity").asLong()).isEqualTo(4);
    // The same supplier lot of another product is another lot.
    var other = ok(site.api.get("/api/v1/vendor-lots/SUP-S?product=" + site.sku));
    assertThat(other.at("/units").size()).isZero();
    assertThat(other.at("/quantities").size()).isZero();
  }

  @Test
  void theNoticeShowsTheSupplierLotOfEachItem() {
    var items = ok(site.api.get("/api/v1/asns/" + asn + "/items"));
    assertThat(items.at("/items/0/vendorLot").asString()).isEqualTo("SUP-A");
    assertThat(items.at("/items/2/vendorLot").asString()).isEqualTo("SUP-B");
  }

  @Test
  void aCsvNoticeCarriesTheSupplierLotColumn() {
    String number = unique("ASN");
    ok(site.api.post("/api/v1/asns", map("number", number, "purchaseOrder", po)));
    ok(
        site.api.postCsv(
            "/api/v1/asns/" + number + "/items",
            "gtin,serial,vendor_lot\n" + site.gtin + ",VL-C1,SUP-C\n"));
    var items = ok(site.api.get("/api/v1/asns/" + number + "/items"));
    assertThat(items.at("/items/0/vendorLot").asString()).isEqualTo("SUP-C");

    var bad =
        site.api.postCsv(
            "/api/v1/asns/" + number + "/items",
            "gtin,serial,vendor_lot\n" + site.gtin + ",VL-C2,BAD LOT<>\n");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.at("/field").asString()).isEqualTo("row 2: vendor_lot");
    assertThat(ok(site.api.get("/api/v1/asns/" + number + "/items")).at("/items").size())
        .isEqualTo(1);
  }

  @Test
  void aMalformedSupplierLotIsRefusedByNameAndWritesNothing() {
    String number = unique("ASN");
    var bad =
        site.api.post(
            "/api/v1/asns",
            map(
                "number",
                number,
                "purchaseOrder",
                po,
                "items",
                list(
                    map("gtin", site.gtin, "serial", "VL-X1"),
                    map("gtin", site.gtin, "serial", "VL-X2", "vendorLot", "X".repeat(21)))));
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.at("/code").asString()).isEqualTo("invalid-lot");
    assertThat(bad.at("/field").asString()).isEqualTo("items[1].vendorLot");
    assertThat(site.api.get("/api/v1/asns/" + number).status()).isEqualTo(404);

    long receipt = open(map("dock", site.dock, "purchaseOrder", po));
    var scan =
        site.api.post(
            "/api/v1/receipts/" + receipt + "/scans",
            map("scan", "(01)" + site.gtin + "(21)VL-X3", "vendorLot", "bad lot\u0001"));
    assertThat(scan.status()).as(scan.toString()).isEqualTo(400);
    assertThat(scan.at("/field").asString()).isEqualTo("vendorLot");
    assertThat(site.api.get(site.unitPath("VL-X3")).status()).isEqualTo(404);
  }

  @Test
  void theProductMustBeNamed() {
    var r = site.api.get("/api/v1/vendor-lots/SUP-A");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.at("/field").asString()).isEqualTo("product");
    var unknown = site.api.get("/api/v1/vendor-lots/SUP-A?product=NOPE");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.at("/code").asString()).isEqualTo("unknown-product");
  }
}
