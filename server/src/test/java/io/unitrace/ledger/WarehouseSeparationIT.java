package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Warehouses are separate buildings: a unit's move, a putaway from a dock, a container's move,
 * packing a unit into a container, nesting a case onto a pallet and a move of counted stock all
 * stay inside one warehouse. Crossing is refused with a named rule ({@code same-warehouse}) and
 * writes nothing; the same commands inside the warehouse still work.
 */
class WarehouseSeparationIT extends IntegrationTest {

  @Autowired JdbcClient db;

  /** A second building of the same operator, with a bin of its own. */
  private String otherWarehouseBin() {
    String wh = unique("WB");
    ok(admin.post("/api/v1/warehouses", map("code", wh, "name", "Other building")));
    String bin = wh + "-B1";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", wh, "code", bin, "type", "STORAGE", "level", "BIN")));
    return bin;
  }

  private long events(Site s) {
    return db.sql(
            "SELECT count(*) FROM ledger_event e JOIN tenant t ON t.id = e.tenant_id WHERE t.code = ?")
        .param(s.tenant)
        .query(Long.class)
        .single();
  }

  private static void assertCrossingRefused(Api.Response r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(409);
    assertThat(r.problemCode()).as(r.toString()).isEqualTo("another-warehouse");
    assertThat(r.at("/rule").asString()).isEqualTo("same-warehouse");
    assertThat(r.at("/field").asString()).isEqualTo(field);
  }

  @Test
  void unitsAndTheirPutawayStayInTheirWarehouse() {
    Site s = Site.create(admin);
    String elsewhere = otherWarehouseBin();
    s.register(s.bin1, "W1");
    s.register(s.dock, "W2");
    long before = events(s);

    var move = s.api.post(s.unitPath("W1") + "/move", map("location", elsewhere));
    assertCrossingRefused(move, "location");
    assertThat(move.at("/detail").asString()).contains(s.warehouse).contains(elsewhere);
    var putaway =
        s.api.post(
            "/api/v1/putaway",
            map("gtin", s.gtin, "serial", "W2", "from", s.dock, "location", elsewhere));
    assertCrossingRefused(putaway, "location");

    assertThat(events(s)).as("nothing written").isEqualTo(before);
    assertThat(ok(s.api.get(s.unitPath("W1"))).at("/location").asString()).isEqualTo(s.bin1);
    assertThat(ok(s.api.get(s.unitPath("W2"))).at("/location").asString()).isEqualTo(s.dock);

    ok(s.api.post(s.unitPath("W1") + "/move", map("location", s.bin2)));
    ok(
        s.api.post(
            "/api/v1/putaway",
            map("gtin", s.gtin, "serial", "W2", "from", s.dock, "location", s.bin1)));
    assertThat(ok(s.api.get(s.unitPath("W1"))).at("/location").asString()).isEqualTo(s.bin2);
    assertThat(ok(s.api.get(s.unitPath("W2"))).at("/location").asString()).isEqualTo(s.bin1);
  }

  @Test
  void containersPackingAndNestingStayInTheirWarehouse() {
    Site s = Site.create(admin);
    String elsewhere = otherWarehouseBin();
    String caseHere = Site.randomSscc();
    String palletThere = Site.randomSscc();
    ok(s.api.post("/api/v1/containers", map("sscc", caseHere, "kind", "CASE", "location", s.bin1)));
    ok(
        s.api.post(
            "/api/v1/containers",
            map("sscc", palletThere, "kind", "PALLET", "location", elsewhere)));
    s.register(s.bin1, "C1");
    long before = events(s);

    assertCrossingRefused(
        s.api.post("/api/v1/containers/" + caseHere + "/move", map("location", elsewhere)),
        "location");
    assertCrossingRefused(
        s.api.post("/api/v1/units/pack", map("units", list(s.unitKey("C1")), "into", palletThere)),
        "into");
    assertCrossingRefused(
        s.api.post("/api/v1/containers/" + caseHere + "/pack", map("into", palletThere)), "into");
    assertThat(events(s)).as("nothing written").isEqualTo(before);

    ok(s.api.post("/api/v1/units/pack", map("units", list(s.unitKey("C1")), "into", caseHere)));
    ok(s.api.post("/api/v1/containers/" + caseHere + "/move", map("location", s.bin2)));
    assertThat(ok(s.api.get(s.unitPath("C1"))).at("/location").asString()).isEqualTo(s.bin2);
  }

  @Test
  void countedStockStaysInItsWarehouse() {
    Site s = Site.create(admin);
    String elsewhere = otherWarehouseBin();
    String sku = unique("WATER");
    String gtin = Site.randomGtin();
    ok(
        s.api.post(
            "/api/v1/products",
            map("sku", sku, "name", "Water case", "gtins", list(gtin), "tracking", "LOT")));
    ok(s.api.post("/api/v1/products/" + sku + "/lots", map("code", "L1")));
    ok(
        s.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                s.bin1,
                "kind",
                "FOUND",
                "quantity",
                10,
                "reason",
                "opening stock")));
    long before = events(s);

    assertCrossingRefused(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", gtin, "lot", "L1", "from", s.bin1, "to", elsewhere, "quantity", 4)),
        "to");
    assertThat(events(s)).as("nothing written").isEqualTo(before);

    ok(
        s.api.post(
            "/api/v1/stock/moves",
            map("gtin", gtin, "lot", "L1", "from", s.bin1, "to", s.bin2, "quantity", 4)));
  }
}
