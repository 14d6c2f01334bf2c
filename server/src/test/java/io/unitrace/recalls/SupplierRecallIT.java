package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A supplier recalls its own lot, which the site never used as a lot of its own. Boards came in
 * under two supplier lots (named at the receipt scan), one bad board was built into a finished unit
 * that shipped; syrup came in under a bad supplier lot into one of the site's lots. The campaign
 * reaches the bad supplier lot's boards wherever they are, the finished unit built from one and its
 * customer, and the site lot the syrup went into; nothing of the good supplier lot.
 */
class SupplierRecallIT extends IntegrationTest {

  @Test
  void aSupplierLotReachesWhatWasReceivedUnderItAndWhatItWasBuiltInto() {
    RecallFloor f = RecallFloor.open(admin);
    String boardSku = unique("PCB");
    String board = Site.randomGtin();
    product(f, boardSku, board, "SERIAL");
    String syrupSku = unique("SYR");
    String syrup = Site.randomGtin();
    product(f, syrupSku, syrup, "LOT");
    String po = unique("PO");
    ok(
        f.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                po,
                "vendor",
                "Boards Ltd",
                "lines",
                list(map("sku", boardSku, "quantity", 3), map("sku", syrupSku, "quantity", 10)))));
    var receipt = f.api.post("/api/v1/receipts", map("dock", f.site.dock, "purchaseOrder", po));
    assertThat(receipt.status()).as(receipt.toString()).isEqualTo(201);
    String scans = "/api/v1/receipts/" + receipt.at("/id").asLong() + "/scans";
    ok(f.api.post(scans, map("scan", "(01)" + board + "(21)B-1", "vendorLot", "SUP-BAD")));
    ok(f.api.post(scans, map("scan", "(01)" + board + "(21)B-2", "vendorLot", "SUP-BAD")));
    ok(f.api.post(scans, map("scan", "(01)" + board + "(21)B-3", "vendorLot", "SUP-GOOD")));
    String siteLot = unique("S");
    String otherLot = unique("T");
    ok(
        f.api.post(
            scans,
            map("scan", "(01)" + syrup + "(10)" + siteLot, "quantity", 5, "vendorLot", "SUP-BAD")));
    ok(f.api.post(scans, map("scan", "(01)" + syrup + "(10)" + otherLot, "quantity", 3)));
    // The supplier lot went into two of the site's lots.
    String secondLot = unique("U");
    ok(
        f.api.post(
            scans,
            map(
                "scan",
                "(01)" + syrup + "(10)" + secondLot,
                "quantity",
                2,
                "vendorLot",
                "SUP-BAD")));

    String finishedLot = unique("F");
    f.register(finishedLot, "K-1", "K-2");
    assemble(f, "K-1", board, "B-1");
    assemble(f, "K-2", board, "B-3");
    Shipped shipped = f.ship(1);
    assertThat(shipped.serials()).containsExactly("K-1");

    // Backward from the finished unit: the board built into it, its purchase order and supplier
    // lot.
    JsonNode k1 = ok(f.api.get("/api/v1/trace/units/01/" + f.gtin + "/21/K-1")).json();
    assertThat(k1.at("/parts/0/serial").asString()).isEqualTo("B-1");
    assertThat(k1.at("/parts/0/sku").asString()).isEqualTo(boardSku);
    assertThat(k1.at("/parts/0/origin/purchaseOrder").asString()).isEqualTo(po);
    assertThat(k1.at("/parts/0/origin/vendor").asString()).isEqualTo("Boards Ltd");
    assertThat(k1.at("/parts/0/origin/vendorLot").asString()).isEqualTo("SUP-BAD");
    JsonNode syrupLot =
        ok(f.api.get("/api/v1/trace/lots?product=" + syrupSku + "&lot=" + siteLot)).json();
    assertThat(syrupLot.at("/receivedFrom/0/purchaseOrder").asString()).isEqualTo(po);
    assertThat(syrupLot.at("/receivedFrom/0/vendorLot").asString()).isEqualTo("SUP-BAD");
    assertThat(syrupLot.at("/receivedFrom/0/quantity").asLong()).isEqualTo(5);

    JsonNode boards =
        ok(f.draft(
                map(
                    "title",
                    "Boards of supplier lot SUP-BAD",
                    "mode",
                    "SUPPLIER_LOT",
                    "product",
                    boardSku,
                    "lots",
                    list("SUP-BAD"))))
            .json();
    assertThat(boards.at("/units").asInt()).as("B-1, B-2 and K-1").isEqualTo(3);
    assertThat(boards.at("/lots/0").asString()).isEqualTo("SUP-BAD");
    JsonNode open = f.openRecall(boards);
    assertThat(holds(f, board, "B-2")).containsExactly("RECALL");
    assertThat(holds(f, board, "B-3")).as("another supplier lot").isEmpty();
    assertThat(f.holds("K-2")).as("built from a good board").isEmpty();
    JsonNode customers =
        ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers")).json();
    assertThat(customers.at("/items").size()).isEqualTo(1);
    assertThat(customers.at("/items/0/customer").asString()).isEqualTo(shipped.customer());

    JsonNode syrupRecall =
        ok(f.draft(
                map(
                    "title",
                    "Syrup of supplier lot SUP-BAD",
                    "mode",
                    "SUPPLIER_LOT",
                    "product",
                    syrupSku,
                    "lots",
                    list("SUP-BAD"))))
            .json();
    f.openRecall(syrupRecall);
    assertThat(bucketHolds(f, syrupSku, siteLot)).containsExactly("RECALL:5");
    assertThat(bucketHolds(f, syrupSku, secondLot)).containsExactly("RECALL:2");
    assertThat(bucketHolds(f, syrupSku, otherLot)).containsExactly(":3");
  }

  @Test
  void aSupplierLotNothingCameInUnderIsRefusedAndWritesNothing() {
    RecallFloor f = RecallFloor.open(admin);
    int before = ok(f.api.get("/api/v1/recalls")).at("/items").size();
    var r =
        f.draft(
            map(
                "title",
                "Unknown",
                "mode",
                "SUPPLIER_LOT",
                "product",
                f.sku,
                "lots",
                list("NOPE")));
    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    assertThat(r.at("/code").asString()).isEqualTo("unknown-supplier-lot");
    assertThat(r.at("/field").asString()).isEqualTo("lots[0]");
    var blank =
        f.draft(map("title", "Blank", "mode", "SUPPLIER_LOT", "product", f.sku, "lots", list(" ")));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.at("/field").asString()).isEqualTo("lots");
    assertThat(ok(f.api.get("/api/v1/recalls")).at("/items").size()).isEqualTo(before);
  }

  private static void product(RecallFloor f, String sku, String gtin, String tracking) {
    ok(
        f.api.post(
            "/api/v1/products",
            map("sku", sku, "name", sku, "gtins", list(gtin), "tracking", tracking)));
  }

  private static void assemble(RecallFloor f, String finished, String gtin, String serial) {
    ok(
        f.api.post(
            "/api/v1/assemblies",
            map("unit", f.key(finished), "components", list(map("gtin", gtin, "serial", serial)))));
  }

  private static List<String> holds(RecallFloor f, String gtin, String serial) {
    List<String> out = new ArrayList<>();
    ok(f.api.get("/api/v1/units/01/" + gtin + "/21/" + serial))
        .at("/holds")
        .forEach(h -> out.add(h.asString()));
    return out;
  }

  /** The lot's buckets as "HOLDS:quantity". */
  private static List<String> bucketHolds(RecallFloor f, String sku, String lot) {
    List<String> out = new ArrayList<>();
    ok(f.api.get("/api/v1/trace/lots?product=" + sku + "&lot=" + lot))
        .at("/stock")
        .forEach(
            s -> {
              List<String> holds = new ArrayList<>();
              s.path("holds").forEach(h -> holds.add(h.asString()));
              out.add(String.join(" ", holds) + ":" + s.path("quantity").asLong());
            });
    return out;
  }
}
