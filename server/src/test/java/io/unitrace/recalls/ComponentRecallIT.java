package io.unitrace.recalls;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A recall by component lot: battery cells of a bad lot were built into packs, and packs into
 * phones. The campaign reaches exactly the phones that contain a bad cell, through both levels, and
 * the customers who received them, the pack taken out of a phone again and the lot's own spare
 * cell; the phone built from a good cell, and the phone whose bad pack was taken out, are left
 * alone.
 */
class ComponentRecallIT extends IntegrationTest {

  @Test
  void aComponentLotReachesTheFinishedUnitsThatContainItAndTheirCustomers() {
    RecallFloor f = RecallFloor.open(admin);
    String cellSku = unique("CELL");
    String cell = Site.randomGtin();
    ok(
        f.api.post(
            "/api/v1/products",
            map(
                "sku",
                cellSku,
                "name",
                "Battery cell",
                "gtins",
                list(cell),
                "tracking",
                "LOT_AND_SERIAL")));
    String packSku = unique("PACK");
    String pack = Site.randomGtin();
    ok(
        f.api.post(
            "/api/v1/products",
            map(
                "sku",
                packSku,
                "name",
                "Battery pack",
                "gtins",
                list(pack),
                "tracking",
                "SERIAL")));
    ok(
        f.api.post(
            "/api/v1/units",
            map(
                "location",
                f.site.bin1,
                "units",
                list(
                    map("gtin", cell, "serial", "C-1", "lot", "BAD"),
                    map("gtin", cell, "serial", "C-2", "lot", "BAD"),
                    map("gtin", cell, "serial", "C-3", "lot", "GOOD"),
                    map("gtin", cell, "serial", "C-4", "lot", "BAD"),
                    map("gtin", cell, "serial", "C-5", "lot", "BAD"),
                    map("gtin", pack, "serial", "P-1"),
                    map("gtin", pack, "serial", "P-2"),
                    map("gtin", pack, "serial", "P-3"),
                    map("gtin", pack, "serial", "P-4")))));
    String phoneLot = unique("F");
    f.register(phoneLot, "PH-1", "PH-2", "PH-3", "PH-4");
    String[][] built = {{"P-1", "C-1"}, {"P-2", "C-2"}, {"P-3", "C-3"}, {"P-4", "C-4"}};
    for (String[] b : built) {
      assemble(f, map("gtin", pack, "serial", b[0]), map("gtin", cell, "serial", b[1]));
    }
    for (int i = 1; i <= 4; i++) {
      assemble(f, f.key("PH-" + i), map("gtin", pack, "serial", "P-" + i));
    }
    // PH-4's bad pack is taken out again: it no longer contains the lot.
    ok(f.api.post("/api/v1/disassemblies", map("unit", f.key("PH-4"), "location", f.site.bin1)));

    Shipped shipped = f.ship(1);
    assertThat(shipped.serials()).containsExactly("PH-1");

    JsonNode draft =
        ok(f.draft(
                map(
                    "title",
                    "Cells of lot BAD overheat",
                    "mode",
                    "COMPONENT_LOT",
                    "product",
                    cellSku,
                    "lots",
                    list("BAD"))))
            .json();
    assertThat(draft.at("/affected/AT_CUSTOMER").asLong()).isEqualTo(1);
    assertThat(draft.at("/affected/IN_STOCK").asLong())
        .as("PH-2, P-4 back on the shelf, and the spare cell C-5")
        .isEqualTo(3);
    assertThat(draft.at("/affected/CONSUMED").asLong())
        .as("the packs inside PH-1 and PH-2, and the three bad cells built in")
        .isEqualTo(5);

    JsonNode open = f.openRecall(draft);
    assertThat(f.holds("PH-2")).containsExactly("RECALL");
    assertThat(f.holds("PH-3")).as("built from a good cell").isEmpty();
    assertThat(f.holds("PH-4")).as("its bad pack was taken out").isEmpty();
    assertThat(ok(f.api.get("/api/v1/units/01/" + pack + "/21/P-4")).at("/holds").toString())
        .as("the pack taken out still holds a bad cell")
        .contains("RECALL");
    assertThat(ok(f.api.get("/api/v1/units/01/" + cell + "/21/C-5")).at("/holds").toString())
        .contains("RECALL");
    assertThat(open.at("/figures/held").asLong()).isEqualTo(3);
    JsonNode customers =
        ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong() + "/customers")).json();
    assertThat(customers.at("/items").size()).isEqualTo(1);
    assertThat(customers.at("/items/0/customer").asString()).isEqualTo(shipped.customer());
    assertThat(customers.at("/items/0/units").asInt()).isEqualTo(1);
    assertThat(open.at("/figures/percentComplete").asDouble()).isZero();

    // PH-1 comes back: the pack and the cell inside it are resolved with it; PH-2's are not.
    String rma =
        ok(f.api.post("/api/v1/rmas", map("units", list(f.dm("PH-1")), "reason", "DEFECTIVE")))
            .at("/number")
            .asString();
    ok(
        f.api.post(
            "/api/v1/returns", map("scan", f.dm("PH-1"), "rma", rma, "location", f.site.dock)));
    JsonNode now = ok(f.api.get("/api/v1/recalls/" + open.path("id").asLong())).json();
    assertThat(now.at("/figures/affected").asLong()).isEqualTo(9);
    assertThat(now.at("/figures/recovered").asLong()).isEqualTo(1);
    assertThat(now.at("/figures/resolvedThroughParent").asLong()).isEqualTo(2);
    assertThat(now.at("/figures/resolved").asLong()).isEqualTo(3);
    assertThat(now.at("/figures/percentComplete").asDouble()).isEqualTo(33.3);
  }

  private static void assemble(RecallFloor f, Object unit, Object component) {
    ok(f.api.post("/api/v1/assemblies", map("unit", unit, "components", list(component))));
  }
}
