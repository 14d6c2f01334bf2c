package io.unitrace.facility;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Warehouses and their locations: the site every client's goods move through. */
class FacilityIT extends IntegrationTest {

  @Test
  void aWarehouseIsCreatedWithAValidGlnAndListed() {
    String code = unique("WH");
    var created =
        admin.post(
            "/api/v1/warehouses",
            map("code", code, "name", " Northern DC ", "gln", "0614141000005"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.at("/gln").asString()).isEqualTo("0614141000005");
    assertThat(created.at("/name").asString()).isEqualTo("Northern DC");

    JsonNode listed = null;
    for (JsonNode w : ok(admin.get("/api/v1/warehouses")).json()) {
      if (w.path("code").asString().equals(code)) {
        listed = w;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("gln").asString()).isEqualTo("0614141000005");
  }

  @Test
  void aGlnWithAWrongCheckDigitOrLengthIsRefusedAndNoWarehouseIsCreated() {
    for (String gln : List.of("0614141000006", "061414100000", "06141410000051", "061414100000X")) {
      String code = unique("WH");
      var r = admin.post("/api/v1/warehouses", map("code", code, "name", "n", "gln", gln));
      assertThat(r.status()).as(gln).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/field").asString()).isEqualTo("gln");
      assertThat(ok(admin.get("/api/v1/warehouses")).body()).doesNotContain(code);
    }
  }

  @Test
  void aWarehouseCodeIsUnique() {
    String code = unique("WH");
    ok(admin.post("/api/v1/warehouses", map("code", code, "name", "first")));
    var dup = admin.post("/api/v1/warehouses", map("code", code, "name", "second"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.problemCode()).isEqualTo("duplicate-warehouse");
    assertThat(dup.at("/field").asString()).isEqualTo("code");
    var bad = admin.post("/api/v1/warehouses", map("code", "has space", "name", "n"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.at("/field").asString()).isEqualTo("code");
  }

  @Test
  void locationsFormAHierarchyFromZoneDownToBin() {
    String wh = warehouse();
    long zone =
        ok(admin.post(
                "/api/v1/locations",
                map("warehouse", wh, "code", wh + "-Z", "type", "STORAGE", "level", "ZONE")))
            .at("/id")
            .asLong();
    long aisle =
        ok(admin.post(
                "/api/v1/locations",
                map(
                    "warehouse",
                    wh,
                    "parent",
                    wh + "-Z",
                    "code",
                    wh + "-Z-A1",
                    "type",
                    "STORAGE",
                    "level",
                    "AISLE")))
            .at("/id")
            .asLong();
    long rack =
        ok(admin.post(
                "/api/v1/locations",
                map(
                    "warehouse",
                    wh,
                    "parent",
                    wh + "-Z-A1",
                    "code",
                    wh + "-Z-A1-R1",
                    "type",
                    "STORAGE",
                    "level",
                    "RACK")))
            .at("/id")
            .asLong();
    var bin =
        admin.post(
            "/api/v1/locations",
            map(
                "warehouse",
                wh,
                "parent",
                wh + "-Z-A1-R1",
                "code",
                wh + "-Z-A1-R1-B1",
                "name",
                "Bin 1",
                "type",
                "STORAGE"));
    assertThat(bin.status()).isEqualTo(201);
    assertThat(bin.at("/level").asString())
        .as("a location is a bin unless said otherwise")
        .isEqualTo("BIN");

    var read = ok(admin.get("/api/v1/locations/" + wh + "-Z-A1-R1-B1"));
    assertThat(read.at("/parentId").asLong()).isEqualTo(rack);
    assertThat(read.at("/warehouse").asString()).isEqualTo(wh);
    assertThat(read.at("/name").asString()).isEqualTo("Bin 1");
    assertThat(ok(admin.get("/api/v1/locations/" + wh + "-Z-A1-R1")).at("/parentId").asLong())
        .isEqualTo(aisle);
    assertThat(ok(admin.get("/api/v1/locations/" + wh + "-Z-A1")).at("/parentId").asLong())
        .isEqualTo(zone);
    assertThat(ok(admin.get("/api/v1/locations/" + wh + "-Z")).at("/parentId").isMissingNode())
        .isTrue();

    var inWarehouse = ok(admin.get("/api/v1/locations?warehouse=" + wh));
    assertThat(inWarehouse.at("/items").size()).isEqualTo(4);
  }

  @Test
  void unitsInABinCountAsInsideItsZone() {
    Site site = Site.create(admin);
    site.register(site.bin1, "SN-1");
    site.register(site.bin2, "SN-2");
    site.register(site.dock, "SN-3");
    String zone = site.warehouse + "-Z1";
    assertThat(ok(site.api.get("/api/v1/units?location=" + zone)).at("/items").size()).isEqualTo(2);
    assertThat(ok(site.api.get("/api/v1/units?location=" + site.bin1)).at("/items").size())
        .isEqualTo(1);
    var stock = ok(site.api.get("/api/v1/stock?location=" + zone));
    long quantity = 0;
    for (JsonNode line : stock.at("/items")) {
      quantity += line.path("quantity").asLong();
    }
    assertThat(quantity).isEqualTo(2);
  }

  @Test
  void aLocationCodeIsUniqueAcrossTheWholeInstallation() {
    String wh = warehouse();
    String other = warehouse();
    String code = unique("LOC");
    ok(admin.post("/api/v1/locations", map("warehouse", wh, "code", code, "type", "STORAGE")));
    var sameWarehouse =
        admin.post("/api/v1/locations", map("warehouse", wh, "code", code, "type", "DOCK"));
    assertThat(sameWarehouse.status()).isEqualTo(409);
    assertThat(sameWarehouse.problemCode()).isEqualTo("duplicate-location");
    assertThat(sameWarehouse.at("/field").asString()).isEqualTo("code");
    var otherWarehouse =
        admin.post("/api/v1/locations", map("warehouse", other, "code", code, "type", "STORAGE"));
    assertThat(otherWarehouse.status())
        .as("a scanner reads the code alone, so it must name one place")
        .isEqualTo(409);
    assertThat(ok(admin.get("/api/v1/locations/" + code)).at("/warehouse").asString())
        .isEqualTo(wh);
    assertThat(ok(admin.get("/api/v1/locations/" + code)).at("/type").asString())
        .isEqualTo("STORAGE");
  }

  @Test
  void aLocationWithAnUnknownOrForeignParentIsRefusedNamingTheFieldAndNotCreated() {
    String wh = warehouse();
    String other = warehouse();
    String foreignParent = unique("LOC");
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", other, "code", foreignParent, "type", "STORAGE", "level", "ZONE")));

    record Case(Object body, String code, String field) {}
    List<Case> cases = new ArrayList<>();
    String c1 = unique("LOC");
    cases.add(
        new Case(
            map("warehouse", wh, "parent", unique("NOPE"), "code", c1, "type", "STORAGE"),
            "unknown-location",
            "parent"));
    String c2 = unique("LOC");
    cases.add(
        new Case(
            map("warehouse", wh, "parent", foreignParent, "code", c2, "type", "STORAGE"),
            "invalid-field",
            "parent"));
    String c3 = unique("LOC");
    cases.add(
        new Case(
            map("warehouse", unique("NOWH"), "code", c3, "type", "STORAGE"),
            "unknown-warehouse",
            "warehouse"));
    String c4 = unique("LOC");
    cases.add(
        new Case(
            map("warehouse", wh, "code", c4, "type", "STORAGE", "level", "SHELF"),
            "invalid-field",
            "level"));
    String c5 = unique("LOC");
    cases.add(new Case(map("warehouse", wh, "code", c5), "invalid-field", "type"));
    for (Case c : cases) {
      var r = admin.post("/api/v1/locations", c.body());
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.problemCode()).as(r.toString()).isEqualTo(c.code());
      assertThat(r.at("/field").asString()).isEqualTo(c.field());
    }
    for (String code : List.of(c1, c2, c3, c4, c5)) {
      var missing = admin.get("/api/v1/locations/" + code);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.problemCode()).isEqualTo("unknown-location");
    }
  }

  @Test
  void theLocationListPagesWithoutDuplicatesOrGaps() {
    String wh = warehouse();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String code = wh + "-" + i;
      ok(admin.post("/api/v1/locations", map("warehouse", wh, "code", code, "type", "STORAGE")));
      created.add(code);
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          ok(
              admin.get(
                  "/api/v1/locations?warehouse="
                      + wh
                      + "&limit=5"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      page.at("/items").forEach(l -> seen.add(l.path("code").asString()));
      cursor =
          page.at("/next").isMissingNode() || page.at("/next").isNull()
              ? null
              : page.at("/next").asString();
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);
  }

  private String warehouse() {
    String code = unique("WH");
    ok(admin.post("/api/v1/warehouses", map("code", code, "name", "Warehouse " + code)));
    return code;
  }
}
