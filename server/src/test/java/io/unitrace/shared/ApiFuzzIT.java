package io.unitrace.shared;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Generated bad input against the main write endpoints: valid bodies with one or two values
 * replaced by something hostile (the wrong JSON type, null, a huge or control-character string, a
 * null inside a list, a GS1 scan naming nothing receivable), and lists read with cursors this
 * server never issued. Whatever arrives, the answer is never a 5xx, a refusal is problem+json with
 * a code, and a refused request writes nothing.
 *
 * <p>jqwik generates the values; the requests go through the running server of the shared Spring
 * context, so the loop is a plain JUnit test drawing from a seeded {@link Random}: a failure is
 * reproduced by running again with the same {@code unitrace.fuzz.seed}.
 */
class ApiFuzzIT extends IntegrationTest {

  private static final long SEED = Long.getLong("unitrace.fuzz.seed", 20261207L);
  private static final int REQUESTS = Integer.getInteger("unitrace.fuzz.requests", 1500);

  /** Tables a write endpoint adds rows to; a refused request must leave every count as it was. */
  /** Endpoints only an administrator may call: fuzzed as the administrator. */
  private static final Set<String> ADMIN_PATHS =
      Set.of("/api/v1/warehouses", "/api/v1/tenants", "/api/v1/users");

  private static final List<String> TABLES =
      List.of(
          "tenant",
          "app_user",
          "warehouse",
          "location",
          "product",
          "product_gtin",
          "lot",
          "container",
          "unit",
          "unit_field",
          "ledger_event",
          "ledger_entry",
          "stock",
          "receipt",
          "receipt_scan",
          "sales_order",
          "order_line",
          "purchase_order",
          "po_line",
          "asn",
          "asn_item",
          "rma",
          "rma_line",
          "recall_campaign",
          "webhook_subscription");

  @Autowired JdbcClient db;

  private record Endpoint(String method, String path, Supplier<Object> body) {}

  private static final Object NULL = new Object();

  @Test
  void noGeneratedInputGetsA5xxAndEveryRefusalWritesNothing() {
    Site site = Site.create(admin);
    site.register(site.dock, "F1", "F2", "F3");
    String sscc = Site.randomSscc();
    ok(
        site.api.post(
            "/api/v1/containers", map("sscc", sscc, "kind", "CASE", "location", site.dock)));
    long receipt = ok(site.api.post("/api/v1/receipts", map("dock", site.dock))).at("/id").asLong();
    ok(site.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop", "returnDays", 30)));
    String lotGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", unique("LOT"), "name", "Syrup", "gtins", list(lotGtin), "tracking", "LOT")));
    String unstocked = unique("NOSTOCK");
    ok(
        site.api.post(
            "/api/v1/products", map("sku", unstocked, "name", "Cable", "tracking", "NONE")));

    List<Endpoint> endpoints = endpoints(site, sscc, receipt, lotGtin, unstocked);
    List<String> cursorPaths =
        List.of("/api/v1/products", "/api/v1/locations", "/api/v1/units", "/api/v1/orders");
    JqwikSession.start(String.valueOf(SEED));
    try {
      fuzz(site, endpoints, cursorPaths);
    } finally {
      JqwikSession.finish();
    }
  }

  private void fuzz(Site site, List<Endpoint> endpoints, List<String> cursorPaths) {
    Random random = new Random(SEED);
    RandomGenerator<Object> values = hostileValues(site).generator(1000);
    RandomGenerator<String> cursors = hostileCursors().generator(1000);

    int sent = 0;
    int serverErrors = 0;
    int refused = 0;
    List<String> violations = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      String method;
      String path;
      Object body = null;
      Map<String, String> headers = new LinkedHashMap<>();
      if (random.nextInt(10) == 0) {
        method = "GET";
        path =
            cursorPaths.get(random.nextInt(cursorPaths.size()))
                + "?cursor="
                + cursors.next(random).value();
      } else {
        Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
        method = e.method();
        path = e.path();
        body = mutated(e.body().get(), random, values);
        int k = random.nextInt(8);
        headers.put(
            "Idempotency-Key",
            k == 0 ? "k".repeat(90 + random.nextInt(300)) : "fuzz-" + SEED + "-" + i);
      }
      Api api = ADMIN_PATHS.contains(path) ? admin : site.api;
      List<Long> before = counts();
      Api.Response r;
      try {
        if (method.equals("GET")) {
          RawHttp.Response raw = RawHttp.get(port, path, site.tenant);
          r =
              new Api.Response(
                  raw.status(),
                  raw.contentType(),
                  raw.body(),
                  raw.contentType().contains("json") ? Api.JSON.readTree(raw.body()) : null);
        } else {
          r = api.send(method, path, body, headers);
        }
      } catch (RuntimeException ex) {
        violations.add(method + " " + path + " " + body + " → client failure " + ex);
        continue;
      }
      sent++;
      String what = method + " " + path + " " + abbreviated(body) + " → " + abbreviated(r.body());
      if (r.status() >= 500) {
        serverErrors++;
        violations.add(what);
      } else if (r.status() >= 400) {
        refused++;
        if (!r.contentType().contains("application/problem+json")
            || r.json() == null
            || (r.json().path("code").isMissingNode() && r.json().path("field").isMissingNode())) {
          violations.add("not problem+json with a code: " + what);
        }
        if (!method.equals("GET") && !counts().equals(before)) {
          violations.add("refused but wrote: " + what);
        }
      }
    }
    System.out.printf(
        "ApiFuzzIT on %s (seed %d): %d requests sent, %d refused, %d answered 5xx%n",
        onPostgres() ? "PostgreSQL" : "SQLite", SEED, sent, refused, serverErrors);
    assertThat(violations).as("seed " + SEED).isEmpty();
    assertThat(sent).isEqualTo(REQUESTS);
  }

  private List<Endpoint> endpoints(
      Site site, String sscc, long receipt, String lotGtin, String unstocked) {
    Supplier<String> serial = () -> unique("S").substring(0, 11);
    return List.of(
        new Endpoint(
            "POST", "/api/v1/tenants", () -> map("code", unique("FT"), "name", "Fuzzed client")),
        new Endpoint(
            "POST",
            "/api/v1/users",
            () ->
                map(
                    "username",
                    unique("fuzz"),
                    "password",
                    "a-long-password",
                    "role",
                    "OPERATOR",
                    "tenants",
                    list(site.tenant))),
        new Endpoint(
            "POST",
            "/api/v1/warehouses",
            () -> map("code", unique("FW"), "name", "Fuzzed warehouse", "gln", "9506000134352")),
        new Endpoint(
            "POST",
            "/api/v1/locations",
            () ->
                map(
                    "warehouse",
                    site.warehouse,
                    "code",
                    site.warehouse + "-" + unique("F"),
                    "name",
                    "Fuzzed bin",
                    "type",
                    "STORAGE",
                    "level",
                    "BIN")),
        new Endpoint(
            "POST",
            "/api/v1/products",
            () ->
                map(
                    "sku",
                    unique("FP"),
                    "name",
                    "Fuzzed product",
                    "gtins",
                    list(Site.randomGtin()),
                    "tracking",
                    "SERIAL",
                    "manufacturer",
                    "Acme",
                    "serialPattern",
                    "[A-Z0-9]+",
                    "shelfLifeDays",
                    30,
                    "customFields",
                    list(map("name", "IMEI", "type", "TEXT", "required", false, "unique", true)))),
        new Endpoint(
            "POST",
            "/api/v1/units",
            () ->
                map(
                    "location",
                    site.dock,
                    "units",
                    list(
                        map("gtin", site.gtin, "serial", serial.get(), "fields", map("IMEI", "1"))),
                    "reason",
                    "opening stock",
                    "device",
                    "HH-01",
                    "bizTransactions",
                    list(map("type", "po", "id", "PO-1")))),
        new Endpoint(
            "POST",
            site.unitPath("F1") + "/move",
            () -> map("location", site.bin1, "device", "HH-01", "scan", "(01)" + site.gtin)),
        new Endpoint(
            "POST",
            site.unitPath("F1") + "/holds",
            () -> map("hold", "QC", "reason", "check", "device", "HH-02")),
        new Endpoint(
            "POST",
            "/api/v1/units/pack",
            () -> map("units", list(site.unitKey("F2")), "into", sscc, "device", "HH-03")),
        new Endpoint("POST", "/api/v1/units/unpack", () -> map("units", list(site.unitKey("F2")))),
        new Endpoint(
            "POST",
            "/api/v1/containers",
            () -> map("sscc", Site.randomSscc(), "kind", "CASE", "location", site.dock)),
        new Endpoint("POST", "/api/v1/receipts", () -> map("dock", site.dock)),
        new Endpoint(
            "POST",
            "/api/v1/receipts/" + receipt + "/scans",
            () -> map("scan", "(01)" + site.gtin + "(21)" + serial.get(), "device", "HH-04")),
        new Endpoint(
            "POST",
            "/api/v1/orders",
            () ->
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    unique("WEB-"),
                    "warehouse",
                    site.warehouse,
                    "soldTo",
                    map("name", "Ann Buyer", "address", "1 Main St"),
                    "lines",
                    list(map("sku", unstocked, "quantity", 2)))),
        new Endpoint(
            "POST",
            site.unitPath("F3") + "/adjustments",
            () -> map("kind", "FOUND", "reason", "counted", "location", site.bin2)),
        new Endpoint(
            "POST",
            "/api/v1/purchase-orders",
            () ->
                map(
                    "number",
                    unique("PO"),
                    "vendor",
                    "Acme",
                    "lines",
                    list(map("sku", site.sku, "quantity", 3)))),
        new Endpoint(
            "POST",
            "/api/v1/asns",
            () ->
                map(
                    "number",
                    unique("ASN"),
                    "items",
                    list(map("gtin", site.gtin, "serial", serial.get())))),
        new Endpoint(
            "POST",
            "/api/v1/rmas",
            () ->
                map(
                    "units",
                    list("(01)" + site.gtin + "(21)F1"),
                    "reason",
                    "DEFECTIVE",
                    "customer",
                    "Ann",
                    "note",
                    "line one\nline two")),
        new Endpoint(
            "POST",
            "/api/v1/recalls",
            () ->
                map(
                    "title",
                    "Battery swelling",
                    "reason",
                    "supplier notice",
                    "mode",
                    "LOT",
                    "product",
                    site.sku,
                    "lots",
                    list("L1"))),
        new Endpoint(
            "POST",
            "/api/v1/channels/webhooks",
            () -> map("url", "https://example.com/hook", "types", list("availability.changed"))),
        new Endpoint("POST", "/api/v1/gs1/parse", () -> map("scan", "(01)" + site.gtin)),
        new Endpoint(
            "POST",
            "/api/v1/stock/adjustments",
            () ->
                map(
                    "gtin",
                    lotGtin,
                    "lot",
                    "L1",
                    "location",
                    site.bin1,
                    "kind",
                    "FOUND",
                    "quantity",
                    5,
                    "reason",
                    "found on the shelf")));
  }

  /**
   * The body with one or two of its values (at any depth) replaced by a hostile one, or a null
   * slipped into one of its lists, or now and then replaced entirely.
   */
  private static Object mutated(Object body, Random random, RandomGenerator<Object> values) {
    if (random.nextInt(20) == 0) {
      return plain(values.next(random).value());
    }
    int changes = 1 + random.nextInt(2);
    for (int c = 0; c < changes; c++) {
      List<Object[]> slots = new ArrayList<>();
      collect(body, slots);
      Object[] slot = slots.get(random.nextInt(slots.size()));
      Object value = plain(values.next(random).value());
      if (slot[0] instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) m;
        map.put(slot[1], value);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) slot[0];
        if (random.nextBoolean()) {
          l.set((Integer) slot[1], value);
        } else {
          l.add(random.nextInt(l.size() + 1), null);
        }
      }
    }
    return body;
  }

  /** Every place a value sits: {container, key or index}. */
  private static void collect(Object node, List<Object[]> slots) {
    if (node instanceof Map<?, ?> m) {
      for (var e : m.entrySet()) {
        slots.add(new Object[] {m, e.getKey()});
        collect(e.getValue(), slots);
      }
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        slots.add(new Object[] {l, i});
        collect(l.get(i), slots);
      }
    }
  }

  private static Object plain(Object v) {
    return v == NULL ? null : v;
  }

  private static Arbitrary<Object> hostileValues(Site site) {
    Arbitrary<String> controls =
        Arbitraries.strings()
            .withChars('\u0000', '\t', '\n', '\r', '\u0007', '\u001d', '\u007f', '\u0085', 'a', '1')
            .ofMinLength(1)
            .ofMaxLength(12);
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> long_ =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(13).ofMaxLength(2100);
    Arbitrary<String> huge = Arbitraries.of("h".repeat(100_000), "\u00e9".repeat(1_000_000));
    Arbitrary<String> scans =
        Arbitraries.of(
            "(8004)0950600013435212345",
            "(92)ABC123",
            "(10)LOT1(17)270101",
            "(00)123",
            "(01)12345678901234",
            "(01)" + site.gtin + "(21)",
            "(01)" + site.gtin + "(21)" + "X".repeat(30),
            "]C1",
            "]d2\u001d",
            "https://id.gs1.org/01/",
            "https://id.gs1.org/01/" + site.gtin + "/21/%zz",
            "((((",
            "(01)" + site.gtin + "(10)" + "L".repeat(25));
    Arbitrary<Object> structures =
        Arbitraries.of(
            new ArrayList<>(),
            new ArrayList<>(java.util.Arrays.asList(null, null)),
            new LinkedHashMap<>(),
            map("x", null),
            list(map("gtin", null, "serial", null)),
            list(1, true, "x"));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.just(NULL)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(Object.class::cast)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(Object.class::cast)),
        net.jqwik.api.Tuple.of(1, Arbitraries.doubles().map(Object.class::cast)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(Object.class::cast)),
        net.jqwik.api.Tuple.of(4, controls.map(Object.class::cast)),
        net.jqwik.api.Tuple.of(3, anyText.map(Object.class::cast)),
        net.jqwik.api.Tuple.of(4, long_.map(Object.class::cast)),
        net.jqwik.api.Tuple.of(1, huge.map(Object.class::cast)),
        net.jqwik.api.Tuple.of(3, scans.map(Object.class::cast)),
        net.jqwik.api.Tuple.of(2, structures));
  }

  /** Cursors as they would appear in a query string, encoded or not. */
  private static Arbitrary<String> hostileCursors() {
    Arbitrary<String> raw =
        Arbitraries.of("%zz", "%", "%00", "%2", "-", "+", "%20", "!!!", "..", "a.b.c", "%C0%AF");
    Arbitrary<String> encoded =
        Arbitraries.strings()
            .all()
            .ofMaxLength(60)
            .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8));
    Arbitrary<String> base36 = Arbitraries.strings().withCharRange('0', 'z').ofMaxLength(40);
    return Arbitraries.oneOf(
        raw, encoded, base36.map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
  }

  private List<Long> counts() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < TABLES.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("(SELECT count(*) FROM ")
          .append(TABLES.get(i))
          .append(")");
    }
    return db.sql(sql.toString())
        .query(
            (rs, n) -> {
              List<Long> c = new ArrayList<>();
              for (int i = 1; i <= TABLES.size(); i++) {
                c.add(rs.getLong(i));
              }
              return c;
            })
        .single();
  }

  private static String abbreviated(Object o) {
    String s;
    try {
      s = o instanceof String t ? t : Api.JSON.writeValueAsString(o);
    } catch (RuntimeException e) {
      s = String.valueOf(o);
    }
    return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + " chars)" : s;
  }
}
