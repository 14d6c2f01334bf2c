package io.unitrace.counting;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Inventory accuracy over HTTP: only approved counts are measured, per warehouse and per day, and
 * refusals name the field.
 */
class AccuracyIT extends IntegrationTest {

  @Test
  void accuracyIsMeasuredOverApprovedCountsPerWarehouseAndDay() {
    LocalDate before = LocalDate.now(ZoneOffset.UTC);
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String c = unique("C");
    String d = unique("D");
    s.register(s.bin1, a, b);
    s.register(s.bin2, c, d);
    ok(
        s.api.put(
            "/api/v1/counts/settings",
            map("recountOnUnitVariance", false, "recountAbovePercent", null)));

    // Approved: bin 1 misses B, bin 2 is exact.
    long approved = open(s, list(s.bin1, s.bin2));
    scan(s, approved, s.bin1, a);
    done(s, approved, s.bin1);
    scan(s, approved, s.bin2, c);
    scan(s, approved, s.bin2, d);
    done(s, approved, s.bin2);
    ok(s.api.post("/api/v1/counts/" + approved + "/approve", map()));
    // Rejected and still open counts are not measured.
    long rejected = open(s, list(s.bin2));
    done(s, rejected, s.bin2);
    ok(s.api.post("/api/v1/counts/" + rejected + "/reject", map("reason", "wrong bin")));
    long open = open(s, list(s.bin1));
    done(s, open, s.bin1);

    JsonNode report = ok(s.api.get("/api/v1/counts/accuracy?warehouse=" + s.warehouse)).json();
    LocalDate after = LocalDate.now(ZoneOffset.UTC);
    assertThat(report.path("warehouses").size()).as(report.toString()).isEqualTo(1);
    JsonNode wh = report.path("warehouses").get(0);
    assertThat(wh.path("warehouse").asString()).isEqualTo(s.warehouse);
    JsonNode f = wh.path("figures");
    assertThat(f.path("locationsCounted").asLong()).isEqualTo(2);
    assertThat(f.path("locationsWithoutDiscrepancy").asLong()).isEqualTo(1);
    assertThat(f.path("inventoryRecordAccuracy").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(f.path("serialsExpected").asLong()).isEqualTo(4);
    assertThat(f.path("serialsFoundWhereRecorded").asLong()).isEqualTo(3);
    assertThat(f.path("unitAccuracy").decimalValue()).isEqualByComparingTo("0.75");
    assertThat(wh.path("days").size()).isEqualTo(1);
    assertThat(List.of(before.toString(), after.toString()))
        .contains(wh.at("/days/0/day").asString());
    assertThat(wh.at("/days/0/figures/locationsCounted").asLong()).isEqualTo(2);

    // A period the counts are not in.
    String tomorrow = after.plusDays(1).toString();
    JsonNode later =
        ok(s.api.get("/api/v1/counts/accuracy?from=" + tomorrow + "&to=" + tomorrow)).json();
    assertThat(later.path("warehouses").size()).isZero();
    assertThat(later.path("from").asString()).isEqualTo(tomorrow);
  }

  @Test
  void accuracyIsGivenPerAbcClassAndPerWeekOrMonthOfApproval() {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String c = unique("C");
    s.register(s.bin1, a, b);
    s.register(s.bin2, c);
    ok(
        s.api.put(
            "/api/v1/counts/settings",
            map("recountOnUnitVariance", false, "recountAbovePercent", null)));

    // A count of the phone (its only mover: class A) misses B in bin 1.
    long bySku =
        ok(s.api.post("/api/v1/counts", map("warehouse", s.warehouse, "sku", s.sku)))
            .json()
            .path("id")
            .asLong();
    scan(s, bySku, s.bin1, a);
    done(s, bySku, s.bin1);
    scan(s, bySku, s.bin2, c);
    done(s, bySku, s.bin2);
    ok(s.api.post("/api/v1/counts/" + bySku + "/approve", map()));
    // A count of bin 2 by location has no class; it is exact.
    long byLocation = open(s, list(s.bin2));
    scan(s, byLocation, s.bin2, c);
    done(s, byLocation, s.bin2);
    ok(s.api.post("/api/v1/counts/" + byLocation + "/approve", map()));

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonNode report = ok(s.api.get("/api/v1/counts/accuracy?by=month")).json();
    JsonNode classes = report.path("abcClasses");
    assertThat(classes.size()).as(report.toString()).isEqualTo(2);
    assertThat(classes.at("/0/abcClass").asString()).isEqualTo("A");
    assertThat(classes.at("/0/figures/locationsCounted").asLong()).isEqualTo(2);
    assertThat(classes.at("/0/figures/inventoryRecordAccuracy").decimalValue())
        .isEqualByComparingTo("0.5");
    assertThat(classes.at("/0/figures/unitAccuracy").decimalValue()).isEqualByComparingTo("0.6667");
    assertThat(classes.get(1).has("abcClass")).isFalse();
    assertThat(classes.at("/1/figures/locationsCounted").asLong()).isEqualTo(1);
    assertThat(classes.at("/1/figures/inventoryRecordAccuracy").decimalValue())
        .isEqualByComparingTo("1");
    assertThat(report.path("by").asString()).isEqualTo("month");
    JsonNode months = report.path("periods");
    assertThat(months.size()).isBetween(1, 2);
    assertThat(months.at("/0/start").asString())
        .isIn(today.withDayOfMonth(1).toString(), today.minusDays(1).withDayOfMonth(1).toString());
    long total = 0;
    for (JsonNode m : months) {
      total += m.at("/figures/locationsCounted").asLong();
    }
    assertThat(total).isEqualTo(3);

    JsonNode weeks = ok(s.api.get("/api/v1/counts/accuracy")).json();
    assertThat(weeks.path("by").asString()).isEqualTo("week");
    assertThat(LocalDate.parse(weeks.at("/periods/0/start").asString()).getDayOfWeek())
        .isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(weeks.path("warehouses").size()).isEqualTo(1);
    problem(s.api.get("/api/v1/counts/accuracy?by=day"), 400, "by");
  }

  @Test
  void refusalsNameTheField() {
    Site s = Site.create(admin);
    String at = "/api/v1/counts/accuracy";
    problem(s.api.get(at + "?from=yesterday"), 400, "from");
    problem(s.api.get(at + "?from=2026-03-02&to=2026-03-01"), 400, "to");
    problem(s.api.get(at + "?from=2024-01-01&to=2026-01-01"), 400, "from");
    problem(s.api.get(at + "?warehouse=" + unique("NOWH")), 422, "warehouse");
    Api counter = s.personApi(admin, port, "OPERATOR");
    assertThat(counter.get(at).status()).isEqualTo(403);
  }

  private static void problem(Api.Response r, int status, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().path("field").asString()).as(r.toString()).isEqualTo(field);
  }

  private static long open(Site s, List<Object> locations) {
    return ok(s.api.post("/api/v1/counts", map("warehouse", s.warehouse, "locations", locations)))
        .json()
        .path("id")
        .asLong();
  }

  private static void scan(Site s, long id, String location, String serial) {
    ok(s.api.post("/api/v1/counts/" + id + "/locations/" + location + "/scans", s.unitKey(serial)));
  }

  private static void done(Site s, long id, String location) {
    ok(s.api.post("/api/v1/counts/" + id + "/locations/" + location + "/done", map()));
  }
}
