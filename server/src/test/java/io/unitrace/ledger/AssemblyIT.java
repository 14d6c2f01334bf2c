package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import io.unitrace.support.StartGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Assembly and kitting through the ledger: a finished unit records the serials and the lots with
 * quantities built into it, in one ASSEMBLED event on every chain it touches; the component units
 * go CONSUMED and the counted stock is taken out. A disassembly reverses it and the history keeps
 * the link. A lot is found inside every unit that contains it, through subassemblies. Refusals name
 * their rule and write nothing; two assemblies claiming one component give one assembly.
 */
class AssemblyIT extends IntegrationTest {

  @Autowired JdbcClient db;

  /** A client with a phone (serialized), saline by lot and 10 of lot L1 in bin 1. */
  private CountedGoods goods() {
    CountedGoods g = CountedGoods.create(admin);
    ok(g.found(g.saline(), "L1", g.site().bin1, 10));
    return g;
  }

  private static Map<String, Object> saline(CountedGoods g, String lot, String from, long qty) {
    return map("gtin", g.saline(), "lot", lot, "location", from, "quantity", qty);
  }

  private static Api.Response assemble(
      Site s, String finished, List<String> components, List<Object> stock) {
    List<Object> units = new ArrayList<>();
    components.forEach(c -> units.add(s.unitKey(c)));
    return s.api.post(
        "/api/v1/assemblies",
        map("unit", s.unitKey(finished), "components", units, "stock", stock));
  }

  private static JsonNode unit(Site s, String serial) {
    return ok(s.api.get(s.unitPath(serial))).json();
  }

  private static JsonNode lastEntry(Site s, String serial) {
    JsonNode items = ok(s.api.get(s.unitPath(serial) + "/history")).json().path("items");
    return items.get(items.size() - 1);
  }

  private static List<String> serials(JsonNode units) {
    List<String> serials = new ArrayList<>();
    units.forEach(u -> serials.add(u.path("serial").asString()));
    return serials;
  }

  private static void intact(Site s) {
    JsonNode report = ok(s.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
  }

  private long links(String tenant) {
    return db.sql("SELECT count(*) FROM genealogy_link WHERE tenant_id = ?")
        .param(Footprint.tenantId(db, tenant))
        .query(Long.class)
        .single();
  }

  @Test
  void twoUnitsAndThreeOfALotAreBuiltIntoAFinishedUnitInOneEvent() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-1", "CMP-1", "CMP-2");

    JsonNode receipt =
        ok(assemble(s, "FIN-1", List.of("CMP-1", "CMP-2"), list(saline(g, "L1", s.bin1, 3))))
            .json();

    assertThat(receipt.path("type").asString()).isEqualTo("ASSEMBLED");
    assertThat(receipt.path("unitCount").asInt()).isEqualTo(3);
    assertThat(receipt.path("stock").get(0).path("delta").asLong()).isEqualTo(-3);
    assertThat(receipt.path("stock").get(0).path("quantity").asLong()).isEqualTo(7);
    assertThat(unit(s, "CMP-1").path("state").asString()).isEqualTo("CONSUMED");
    assertThat(unit(s, "CMP-1").path("location").isMissingNode()).isTrue();
    assertThat(unit(s, "CMP-2").path("state").asString()).isEqualTo("CONSUMED");
    assertThat(unit(s, "FIN-1").path("state").asString()).isEqualTo("STORED");
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(7);

    // One event on all three chains, its details naming both sides of the link.
    JsonNode onComponent = lastEntry(s, "CMP-1");
    JsonNode onFinished = lastEntry(s, "FIN-1");
    assertThat(onComponent.path("eventId").asLong())
        .isEqualTo(onFinished.path("eventId").asLong())
        .isEqualTo(lastEntry(s, "CMP-2").path("eventId").asLong())
        .isEqualTo(receipt.path("eventId").asLong());
    assertThat(onComponent.path("type").asString()).isEqualTo("ASSEMBLED");
    assertThat(onComponent.path("bizStep").asString()).isEqualTo("assembling");
    assertThat(onComponent.path("state").asString()).isEqualTo("CONSUMED");
    assertThat(onComponent.at("/details/assembly/serial").asString()).isEqualTo("FIN-1");
    assertThat(serials(onFinished.at("/details/components"))).containsExactly("CMP-1", "CMP-2");
    assertThat(onFinished.at("/details/stock/0/lot").asString()).isEqualTo("L1");
    assertThat(onFinished.at("/details/stock/0/quantity").asLong()).isEqualTo(3);

    JsonNode genealogy = ok(s.api.get(s.unitPath("FIN-1") + "/genealogy")).json();
    assertThat(genealogy.path("components").size()).isEqualTo(3);
    assertThat(genealogy.at("/components/0/serial").asString()).isEqualTo("CMP-1");
    assertThat(genealogy.at("/components/2/sku").asString()).isEqualTo(g.salineSku());
    assertThat(genealogy.at("/components/2/lot").asString()).isEqualTo("L1");
    assertThat(genealogy.at("/components/2/quantity").asLong()).isEqualTo(3);
    JsonNode parents = ok(s.api.get(s.unitPath("CMP-2") + "/genealogy")).json();
    assertThat(serials(parents.path("builtInto"))).containsExactly("FIN-1");

    // The replay rebuilds consumed units from their entries; every chain verifies.
    intact(s);
  }

  @Test
  void aRepeatedAssemblyWithItsKeyAnswersTheFirstReceipt() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-1", "CMP-1");
    Map<String, Object> body =
        map(
            "unit",
            s.unitKey("FIN-1"),
            "components",
            list(s.unitKey("CMP-1")),
            "stock",
            list(saline(g, "L1", s.bin1, 2)));

    JsonNode first = ok(s.api.post("/api/v1/assemblies", body, "asm-1")).json();
    JsonNode again = ok(s.api.post("/api/v1/assemblies", body, "asm-1")).json();

    assertThat(again.path("eventId").asLong()).isEqualTo(first.path("eventId").asLong());
    assertThat(again.path("repeated").asBoolean()).isTrue();
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(8);
    assertThat(links(s.tenant)).isEqualTo(2);
  }

  @Test
  void refusalsNameTheirRuleAndWriteNothing() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-1", "FIN-2", "SUB-1", "CMP-1", "HELD-1");
    ok(
        s.api.post(
            "/api/v1/units",
            map(
                "expected",
                true,
                "reason",
                "commissioning",
                "units",
                list(s.unitKey("COMING-1")))));
    ok(s.api.post(s.unitPath("HELD-1") + "/holds", map("hold", "QC", "reason", "sample")));
    ok(assemble(s, "SUB-1", List.of("CMP-1"), list()));
    ok(assemble(s, "FIN-1", List.of("SUB-1"), list()));

    record Case(String rule, String field, Api.Response answer) {}
    List<java.util.function.Supplier<Case>> cases =
        List.of(
            () ->
                new Case(
                    "component-held",
                    "components[0]",
                    assemble(s, "FIN-2", List.of("HELD-1"), list())),
            () ->
                new Case(
                    "component-not-in-stock",
                    "components[0]",
                    assemble(s, "FIN-2", List.of("COMING-1"), list())),
            () ->
                new Case(
                    "component-consumed",
                    "components[0]",
                    assemble(s, "FIN-2", List.of("CMP-1"), list())),
            () ->
                new Case(
                    "insufficient-stock",
                    "stock[0].quantity",
                    assemble(s, "FIN-2", List.of(), list(saline(g, "L1", s.bin1, 11)))),
            () ->
                new Case(
                    "insufficient-stock",
                    "stock[0].quantity",
                    assemble(s, "FIN-2", List.of(), list(saline(g, "L1", s.bin2, 1)))),
            () ->
                new Case(
                    "component-is-finished-unit",
                    "components[0]",
                    assemble(s, "FIN-2", List.of("FIN-2"), list())),
            // FIN-1 contains SUB-1: SUB-1 cannot contain FIN-1.
            () ->
                new Case(
                    "component-is-ancestor",
                    "components[0]",
                    assemble(s, "SUB-1", List.of("FIN-1"), list())),
            // A good component with a bad one: the good one is not consumed either.
            () ->
                new Case(
                    "component-held",
                    "components[1]",
                    assemble(s, "FIN-2", List.of("FIN-1", "HELD-1"), list())));

    for (var next : cases) {
      Footprint before = Footprint.of(db, s.tenant);
      long linksBefore = links(s.tenant);
      Case c = next.get();
      assertThat(c.answer().status()).as(c.answer().toString()).isBetween(400, 499);
      assertThat(c.answer().json().path("rule").asString()).as(c.rule()).isEqualTo(c.rule());
      assertThat(c.answer().json().path("field").asString()).isEqualTo(c.field());
      assertThat(Footprint.of(db, s.tenant)).as(c.rule()).isEqualTo(before);
      assertThat(links(s.tenant)).isEqualTo(linksBefore);
    }
    assertThat(unit(s, "FIN-1").path("state").asString()).isEqualTo("STORED");
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(10);
  }

  @Test
  void badInputIsRefusedAtItsField() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-1", "CMP-1");
    Footprint before = Footprint.of(db, s.tenant);

    Api.Response noParts = assemble(s, "FIN-1", List.of(), list());
    Api.Response twice = assemble(s, "FIN-1", List.of("CMP-1", "CMP-1"), list());
    Api.Response zero = assemble(s, "FIN-1", List.of(), list(saline(g, "L1", s.bin1, 0)));
    Api.Response noUnit =
        s.api.post("/api/v1/assemblies", map("components", list(s.unitKey("CMP-1"))));
    Api.Response unknown = assemble(s, "FIN-1", List.of("NOPE-1"), list());

    assertThat(noParts.status()).isEqualTo(400);
    assertThat(noParts.json().path("field").asString()).isEqualTo("components");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.problemCode()).isEqualTo("duplicate-component");
    assertThat(twice.json().path("field").asString()).isEqualTo("components[1]");
    assertThat(zero.json().path("field").asString()).isEqualTo("stock[0].quantity");
    assertThat(noUnit.status()).isEqualTo(400);
    assertThat(noUnit.json().path("field").asString()).isEqualTo("unit");
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().path("field").asString()).isEqualTo("components[0]");
    assertThat(Footprint.of(db, s.tenant)).isEqualTo(before);
  }

  @Test
  void disassemblyBringsTheComponentsBackAndTheHistoryKeepsTheLink() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-1", "FIN-2", "CMP-1", "CMP-2");
    ok(assemble(s, "FIN-1", List.of("CMP-1", "CMP-2"), list(saline(g, "L1", s.bin1, 3))));

    JsonNode receipt =
        ok(s.api.post("/api/v1/disassemblies", map("unit", s.unitKey("FIN-1"), "location", s.bin2)))
            .json();

    assertThat(receipt.path("type").asString()).isEqualTo("DISASSEMBLED");
    assertThat(receipt.path("unitCount").asInt()).isEqualTo(3);
    assertThat(unit(s, "CMP-1").path("state").asString()).isEqualTo("STORED");
    assertThat(unit(s, "CMP-1").path("location").asString()).isEqualTo(s.bin2);
    assertThat(unit(s, "CMP-2").path("state").asString()).isEqualTo("STORED");
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(7);
    assertThat(g.stock(g.salineSku(), s.bin2)).isEqualTo(3);

    JsonNode taken = lastEntry(s, "CMP-1");
    assertThat(taken.path("type").asString()).isEqualTo("DISASSEMBLED");
    assertThat(taken.path("bizStep").asString()).isEqualTo("disassembling");
    assertThat(taken.at("/details/assembly/serial").asString()).isEqualTo("FIN-1");
    JsonNode history = ok(s.api.get(s.unitPath("FIN-1") + "/history")).json().path("items");
    assertThat(history.get(history.size() - 2).path("type").asString()).isEqualTo("ASSEMBLED");
    assertThat(history.get(history.size() - 1).path("type").asString()).isEqualTo("DISASSEMBLED");
    JsonNode genealogy = ok(s.api.get(s.unitPath("FIN-1") + "/genealogy")).json();
    assertThat(genealogy.path("components").size())
        .as("the link is ended, not deleted")
        .isEqualTo(3);
    assertThat(genealogy.at("/components/0/endedEvent").asLong())
        .isEqualTo(receipt.path("eventId").asLong());
    assertThat(
            ok(s.api.get("/api/v1/genealogy/containing?sku=" + g.salineSku() + "&lot=L1"))
                .json()
                .size())
        .as("no unit contains the lot any more")
        .isZero();

    Api.Response again =
        s.api.post("/api/v1/disassemblies", map("unit", s.unitKey("FIN-1"), "location", s.bin2));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("nothing-assembled");

    // A recovered component can be built into another unit.
    ok(assemble(s, "FIN-2", List.of("CMP-1"), list()));
    assertThat(unit(s, "CMP-1").path("state").asString()).isEqualTo("CONSUMED");
    intact(s);
  }

  @Test
  void aLotIsFoundInTheSubassemblyAndTheFinishedUnitThatContainIt() {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "SUB-1", "FIN-1", "CMP-1", "OTHER-1");
    ok(assemble(s, "SUB-1", List.of(), list(saline(g, "L1", s.bin1, 2))));
    ok(assemble(s, "FIN-1", List.of("SUB-1", "CMP-1"), list()));

    JsonNode byLot =
        ok(s.api.get("/api/v1/genealogy/containing?sku=" + g.salineSku() + "&lot=L1")).json();
    assertThat(serials(byLot)).containsExactly("SUB-1", "FIN-1");
    assertThat(byLot.get(0).path("state").asString()).isEqualTo("CONSUMED");
    assertThat(byLot.get(1).path("state").asString()).isEqualTo("STORED");

    JsonNode byUnit =
        ok(s.api.get("/api/v1/genealogy/containing?gtin=" + s.gtin + "&serial=CMP-1")).json();
    assertThat(serials(byUnit)).containsExactly("FIN-1");
    assertThat(
            ok(s.api.get("/api/v1/genealogy/containing?gtin=" + s.gtin + "&serial=OTHER-1"))
                .json()
                .size())
        .isZero();

    JsonNode onLotSide = ok(s.api.get(s.unitPath("SUB-1") + "/genealogy")).json();
    assertThat(onLotSide.at("/components/0/lot").asString()).isEqualTo("L1");
    assertThat(serials(onLotSide.path("builtInto"))).containsExactly("FIN-1");
    intact(s);
  }

  @Test
  void aSerializedUnitOfALotIsFoundByItsLotInsideTheUnitsThatContainIt() {
    CountedGoods g = goods();
    Site s = g.site();
    String cellSku = unique("CELL");
    String cell = Site.randomGtin();
    ok(
        s.api.post(
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
    ok(
        s.api.post(
            "/api/v1/units",
            map(
                "location",
                s.bin1,
                "units",
                list(
                    map("gtin", cell, "serial", "C-1", "lot", "C7"),
                    map("gtin", cell, "serial", "C-2", "lot", "C8")))));
    s.register(s.bin1, "PACK-1", "PACK-2", "FIN-1");
    ok(
        s.api.post(
            "/api/v1/assemblies",
            map(
                "unit",
                s.unitKey("PACK-1"),
                "components",
                list(map("gtin", cell, "serial", "C-1")))));
    ok(
        s.api.post(
            "/api/v1/assemblies",
            map(
                "unit",
                s.unitKey("PACK-2"),
                "components",
                list(map("gtin", cell, "serial", "C-2")))));
    ok(assemble(s, "FIN-1", List.of("PACK-1"), list()));

    JsonNode byLot =
        ok(s.api.get("/api/v1/genealogy/containing?sku=" + cellSku + "&lot=C7")).json();
    assertThat(serials(byLot)).containsExactly("PACK-1", "FIN-1");
    JsonNode anyLot = ok(s.api.get("/api/v1/genealogy/containing?sku=" + cellSku)).json();
    assertThat(serials(anyLot)).containsExactlyInAnyOrder("PACK-1", "PACK-2", "FIN-1");
    Api.Response unknownLot =
        s.api.get("/api/v1/genealogy/containing?sku=" + cellSku + "&lot=NOPE");
    assertThat(unknownLot.status()).isEqualTo(422);
    assertThat(unknownLot.json().path("field").asString()).isEqualTo("lot");
  }

  @Test
  void twoAssembliesClaimingOneComponentAtOnceGiveOneAssembly() throws Exception {
    CountedGoods g = goods();
    Site s = g.site();
    s.register(s.bin1, "FIN-A", "FIN-B", "CMP-1");

    List<Api.Response> answers =
        StartGate.together(
            () -> assemble(s, "FIN-A", List.of("CMP-1"), list(saline(g, "L1", s.bin1, 1))),
            () -> assemble(s, "FIN-B", List.of("CMP-1"), list(saline(g, "L1", s.bin1, 1))));

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
    Api.Response refused =
        answers.stream().filter(a -> a.status() != 201).findFirst().orElseThrow();
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.json().path("rule").asString()).isEqualTo("component-consumed");
    assertThat(links(s.tenant)).isEqualTo(2);
    assertThat(g.stock(g.salineSku(), s.bin1)).isEqualTo(9);
    JsonNode parents = ok(s.api.get(s.unitPath("CMP-1") + "/genealogy")).json();
    assertThat(parents.path("builtInto").size()).isEqualTo(1);
    intact(s);
  }
}
