package io.unitrace.ledger;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.ledger.domain.UnitCommand;
import io.unitrace.ledger.domain.UnitStatus;
import io.unitrace.shared.Rows;
import io.unitrace.support.IntegrationTest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The projection is only a cache of the ledger: after a day of every kind of command, replaying
 * each unit's entries through the state machine, from the ledger alone, rebuilds every unit row
 * exactly, down to its version and last hash.
 */
class ReplayIT extends IntegrationTest {

  /** What a unit row claims, and what a replay must arrive at. */
  record Projection(
      String state,
      Long location,
      Long container,
      int holds,
      Map<String, String> fields,
      int version,
      String lastHash) {}

  @Autowired JdbcClient db;

  @Autowired CommandCodec codec;

  @Autowired ObjectMapper json;

  @Test
  void replayingTheLedgerRebuildsEveryUnitExactlyAsTheProjectionHasIt() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    workday(clerk);
    long tenant = Footprint.tenantId(db, clerk.tenant);

    Map<Long, Projection> replayed = replay(tenant);
    Map<Long, Projection> live = projection(tenant);

    assertThat(live).hasSize(13);
    assertThat(replayed).isEqualTo(live);
    assertThat(live.values())
        .extracting(Projection::state)
        .contains("EXPECTED", "RECEIVED", "STORED", "MISSING");
    assertThat(live.values()).anySatisfy(p -> assertThat(p.container()).isNotNull());
    assertThat(live.values()).anySatisfy(p -> assertThat(p.holds()).isNotZero());
    assertThat(live.values()).anySatisfy(p -> assertThat(p.fields()).containsKey("firmware"));
    assertThat(searchableFields(tenant))
        .as("the searchable copy of the fields")
        .isEqualTo(fieldsOf(live));

    JsonNode report = ok(clerk.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("units").asInt()).isEqualTo(13);
    assertThat(report.path("entries").asLong()).isEqualTo(Footprint.of(db, clerk.tenant).entries());
  }

  @Test
  void replayingRebuildsUnitsBuiltIntoOthersAndTakenOutAgain() {
    Clerk clerk = Clerk.forNewClient(admin, port);
    clerk.register(clerk.bin1, "K1", "K2", "K3", "K4", "K5");
    ok(
        clerk.api.post(
            "/api/v1/assemblies",
            map(
                "unit",
                clerk.unitKey("K1"),
                "components",
                list(clerk.unitKey("K2"), clerk.unitKey("K3")))));
    ok(
        clerk.api.post(
            "/api/v1/assemblies",
            map("unit", clerk.unitKey("K4"), "components", list(clerk.unitKey("K1")))));
    ok(
        clerk.api.post(
            "/api/v1/assemblies",
            map("unit", clerk.unitKey("K5"), "components", list(clerk.unitKey("K4")))));
    ok(
        clerk.api.post(
            "/api/v1/disassemblies", map("unit", clerk.unitKey("K5"), "location", clerk.bin2)));
    long tenant = Footprint.tenantId(db, clerk.tenant);

    Map<Long, Projection> replayed = replay(tenant);
    Map<Long, Projection> live = projection(tenant);

    assertThat(replayed).isEqualTo(live);
    assertThat(live.values())
        .extracting(Projection::state)
        .containsExactlyInAnyOrder("CONSUMED", "CONSUMED", "CONSUMED", "STORED", "STORED");
    JsonNode report = ok(clerk.api.post("/api/v1/ledger/verify", null)).json();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
  }

  /**
   * Every command of the ledger, several times over, on a dock, bins, quarantine, a pallet with a
   * case with a box.
   */
  private void workday(Clerk clerk) {
    String vaccine = clerk.medicine();
    String handset = clerk.handset();
    clerk.register(clerk.dock, "D1", "D2", "D3", "D4", "D5", "D6");
    clerk.register(clerk.bin1, "B1");
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "expected",
                true,
                "reason",
                "COMMISSIONING",
                "units",
                list(clerk.unitKey("E1"), clerk.unitKey("E2")))));
    ok(
        clerk.api.post(
            "/api/v1/units",
            map(
                "location",
                clerk.dock,
                "units",
                list(
                    map("gtin", vaccine, "serial", "V1", "lot", "L-A", "expiry", "2027-01-31"),
                    map(
                        "gtin",
                        vaccine,
                        "serial",
                        "V2",
                        "lot",
                        "L-B",
                        "expiry",
                        "2027-06-30",
                        "manufactured",
                        "2025-06-30"),
                    map(
                        "gtin",
                        handset,
                        "serial",
                        "H1",
                        "fields",
                        map("IMEI", "356938035643809", "firmware", "1.0")),
                    map(
                        "gtin",
                        handset,
                        "serial",
                        "H2",
                        "fields",
                        map("IMEI", "490154203237518"))))));
    String pallet = clerk.container("PALLET", clerk.dock);
    String kase = clerk.container("CASE", clerk.dock);
    String box = clerk.container("BOX", clerk.quarantine);

    ok(clerk.api.post(clerk.unitPath("D1") + "/move", map("location", clerk.bin1)));
    ok(clerk.api.post(clerk.unitPath("D1") + "/move", map("location", clerk.quarantine)));
    ok(clerk.api.post(clerk.unitPath("D2") + "/move", map("location", clerk.quarantine)));
    ok(clerk.api.post(clerk.unitPath("D2") + "/observations", map("location", clerk.bin2)));
    ok(clerk.api.post(clerk.unitPath("B1") + "/observations", map("location", clerk.bin1)));
    ok(clerk.api.post(clerk.unitPath("D3") + "/holds", map("hold", "QC", "reason", "sample")));
    ok(
        clerk.api.post(
            clerk.unitPath("D3") + "/holds", map("hold", "RECALL", "reason", "campaign")));
    ok(
        clerk.api.post(
            clerk.unitPath("D3") + "/holds/release", map("hold", "QC", "reason", "passed")));
    ok(
        clerk.api.post(
            clerk.unitPath("D4") + "/adjustments", map("kind", "LOST", "reason", "count")));
    ok(
        clerk.api.post(
            clerk.unitPath("B1") + "/adjustments", map("kind", "LOST", "reason", "count")));
    ok(
        clerk.api.post(
            clerk.unitPath("B1") + "/adjustments",
            map("kind", "FOUND", "reason", "count", "location", clerk.dock)));
    ok(
        clerk.api.post(
            Floor.path(handset, "H1") + "/fields", map("fields", map("firmware", "2.0"))));
    ok(
        clerk.api.post(
            Floor.path(handset, "H2") + "/fields",
            map("fields", map("IMEI", "352099001761481", "firmware", "1.1"))));
    ok(
        clerk.api.post(
            clerk.unitPath("E1") + "/fields", map("fields", map("IMEI", "358240051111110"))));
    ok(
        clerk.api.post(
            clerk.unitPath("E2") + "/holds", map("hold", "SUSPECT", "reason", "unknown supplier")));

    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map(
                "units",
                list(clerk.unitKey("D5"), map("gtin", vaccine, "serial", "V1")),
                "into",
                pallet)));
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map(
                "units",
                list(clerk.unitKey("D6"), map("gtin", handset, "serial", "H1")),
                "into",
                kase)));
    ok(
        clerk.api.post(
            "/api/v1/units/pack",
            map("units", list(map("gtin", vaccine, "serial", "V2")), "into", box)));
    ok(clerk.api.post("/api/v1/containers/" + box + "/pack", map("into", kase)));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/pack", map("into", pallet)));
    ok(clerk.api.post("/api/v1/containers/" + pallet + "/move", map("location", clerk.bin2)));
    ok(
        clerk.api.post(
            clerk.unitPath("D5") + "/holds", map("hold", "DAMAGED", "reason", "forklift")));
    ok(clerk.api.post("/api/v1/units/unpack", map("units", list(clerk.unitKey("D5")))));
    ok(clerk.api.post(clerk.unitPath("D5") + "/move", map("location", clerk.quarantine)));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/unpack", null));
    ok(clerk.api.post("/api/v1/containers/" + kase + "/move", map("location", clerk.bin1)));
    ok(clerk.api.post("/api/v1/containers/" + pallet + "/move", map("location", clerk.dock)));
    ok(
        clerk.api.post(
            Floor.path(handset, "H1") + "/adjustments", map("kind", "LOST", "reason", "count")));
  }

  /**
   * The units as the ledger alone tells them: each unit's entries, in seq order, through the state
   * machine.
   */
  private Map<Long, Projection> replay(long tenant) {
    record Replayed(UnitStatus status, int version, String lastHash) {}
    Map<Long, Replayed> units = new LinkedHashMap<>();
    db.sql(
            "SELECT unit_id, seq, data, hash FROM ledger_entry WHERE tenant_id = ? ORDER BY unit_id, seq")
        .param(tenant)
        .query(
            rs -> {
              long unit = rs.getLong(1);
              int seq = rs.getInt(2);
              UnitCommand command = codec.decode(rs.getString(3));
              Replayed before = units.get(unit);
              UnitStatus after;
              if (before == null) {
                assertThat(seq).as("unit %d starts its history", unit).isEqualTo(1);
                after = UnitStatus.register((UnitCommand.Register) command);
              } else {
                assertThat(seq)
                    .as("unit %d continues its history", unit)
                    .isEqualTo(before.version() + 1);
                after = before.status().apply(command);
              }
              units.put(unit, new Replayed(after, seq, rs.getString(4)));
            });
    Map<Long, Projection> projections = new HashMap<>();
    units.forEach(
        (id, r) ->
            projections.put(
                id,
                new Projection(
                    r.status().state().name(),
                    r.status().location(),
                    r.status().container(),
                    r.status().holds(),
                    new TreeMap<>(r.status().fields()),
                    r.version(),
                    r.lastHash())));
    return projections;
  }

  private Map<Long, Projection> projection(long tenant) {
    Map<Long, Projection> projections = new HashMap<>();
    db.sql(
            "SELECT id, state, location_id, container_id, holds, fields, version, last_hash FROM unit WHERE tenant_id = ?")
        .param(tenant)
        .query(
            rs -> {
              projections.put(
                  rs.getLong(1),
                  new Projection(
                      rs.getString(2),
                      Rows.longOrNull(rs, 3),
                      Rows.longOrNull(rs, 4),
                      rs.getInt(5),
                      fields(rs.getString(6)),
                      rs.getInt(7),
                      rs.getString(8)));
            });
    return projections;
  }

  private Map<String, String> fields(String text) {
    return text == null
        ? new TreeMap<>()
        : json.readValue(text, new TypeReference<TreeMap<String, String>>() {});
  }

  private Map<Long, Map<String, String>> searchableFields(long tenant) {
    Map<Long, Map<String, String>> byUnit = new HashMap<>();
    db.sql("SELECT unit_id, name, value FROM unit_field WHERE tenant_id = ?")
        .param(tenant)
        .query(
            rs -> {
              byUnit
                  .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                  .put(rs.getString(2), rs.getString(3));
            });
    return byUnit;
  }

  private static Map<Long, Map<String, String>> fieldsOf(Map<Long, Projection> units) {
    Map<Long, Map<String, String>> byUnit = new HashMap<>();
    units.forEach(
        (id, p) -> {
          if (!p.fields().isEmpty()) {
            byUnit.put(id, p.fields());
          }
        });
    return byUnit;
  }
}
