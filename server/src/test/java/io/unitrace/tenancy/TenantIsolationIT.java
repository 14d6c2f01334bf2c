package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.channels.Outbox;
import io.unitrace.gs1.CheckDigit;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * One client must never see or change another's goods. The walk calls every {@code /api/**}
 * endpoint the server maps, aimed at client B's real identifiers, as each principal of client A (a
 * CLIENT user, an OPERATOR granted only A, and API tokens bound to A), once asking for B and once
 * in A. The table of how to call each endpoint must cover exactly what is mapped, so a new endpoint
 * fails this test until the walk knows it.
 */
class TenantIsolationIT extends IntegrationTest {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Autowired JdbcClient db;
  @Autowired Outbox outbox;
  @Autowired TransactionTemplate tx;

  /** Client B's identifiers that the walk aims at. */
  record Target(
      Site site,
      long tenantId,
      String lotSku,
      String lotGtin,
      String lotCode,
      String stored,
      String held,
      String onDock,
      String lotted,
      String innerSscc,
      String outerSscc,
      String looseSscc,
      long tokenId,
      String tokenName,
      String token,
      long receipt,
      String countedSku,
      String countedGtin,
      String countedLot,
      long webhook,
      long delivery,
      long order,
      String channelOrderId,
      long pickList,
      String carton,
      long shipment,
      String rma,
      long ret,
      long returnCase,
      String claim,
      String sold,
      String licenceKey,
      long recall,
      long recallCustomer,
      long count) {

    /** Everything that names B's data: none of it may appear in an answer given to A. */
    List<String> secrets() {
      return List.of(
          site.tenant,
          site.sku,
          site.gtin,
          lotSku,
          lotGtin,
          lotCode,
          stored,
          held,
          onDock,
          lotted,
          innerSscc,
          outerSscc,
          looseSscc,
          tokenName,
          countedSku,
          countedGtin,
          countedLot,
          channelOrderId,
          rma,
          licenceKey);
    }

    String unit(String serial) {
      return site.unitPath(serial);
    }

    /** What a scanner reads off the unit's DataMatrix, in bracketed form. */
    String scan(String serial) {
      return "(01)" + site.gtin + "(21)" + serial;
    }
  }

  /**
   * How the walk calls one endpoint; {@code addressesTarget}: the path names one of B's objects.
   */
  record Call(String path, Object body, String contentType) {}

  record Endpoint(boolean addressesTarget, Function<Target, Call> call) {}

  record Principal(String name, Api api) {}

  /** method + path pattern → how to call it with B's identifiers. */
  static Map<String, Endpoint> table() {
    Map<String, Endpoint> t = new LinkedHashMap<>();
    // tenancy (installation-level)
    t.put("GET /api/v1/me", site(b -> get("/api/v1/me")));
    t.put("GET /api/v1/tenants", site(b -> get("/api/v1/tenants")));
    t.put(
        "POST /api/v1/tenants",
        site(b -> json("/api/v1/tenants", map("code", unique("TX"), "name", "Intruder"))));
    t.put("GET /api/v1/users", site(b -> get("/api/v1/users")));
    t.put(
        "POST /api/v1/users",
        site(
            b ->
                json(
                    "/api/v1/users",
                    map(
                        "username",
                        unique("intruder"),
                        "password",
                        "a-long-password",
                        "role",
                        "OPERATOR",
                        "tenants",
                        list(b.site().tenant)))));
    // The first user is the installation's admin: only an ADMIN signed in as a person may change
    // them, and none of the walk's principals is one.
    t.put(
        "PUT /api/v1/users/{id}",
        site(
            b ->
                new Call(
                    "/api/v1/users/1",
                    map("role", "OPERATOR", "tenants", list(b.site().tenant)),
                    null)));
    t.put("POST /api/v1/users/{id}/disable", site(b -> json("/api/v1/users/1/disable", null)));
    t.put("POST /api/v1/users/{id}/enable", site(b -> json("/api/v1/users/1/enable", null)));
    t.put("GET /api/v1/tokens", site(b -> get("/api/v1/tokens")));
    t.put(
        "POST /api/v1/tokens",
        site(
            b ->
                json(
                    "/api/v1/tokens",
                    map("name", "stolen", "tenant", b.site().tenant, "scope", "write"))));
    t.put(
        "DELETE /api/v1/tokens/{id}",
        target(b -> new Call("/api/v1/tokens/" + b.tokenId(), null, null)));
    // facility (installation-level: the operator's site, shared by all clients)
    t.put("GET /api/v1/warehouses", site(b -> get("/api/v1/warehouses")));
    t.put(
        "POST /api/v1/warehouses",
        site(b -> json("/api/v1/warehouses", map("code", unique("WX"), "name", "Intruder"))));
    t.put(
        "GET /api/v1/locations",
        site(b -> get("/api/v1/locations?warehouse=" + b.site().warehouse)));
    t.put(
        "POST /api/v1/locations",
        site(
            b ->
                json(
                    "/api/v1/locations",
                    map(
                        "warehouse",
                        b.site().warehouse,
                        "code",
                        unique("LX"),
                        "type",
                        "STORAGE",
                        "level",
                        "BIN"))));
    t.put("GET /api/v1/locations/{code}", site(b -> get("/api/v1/locations/" + b.site().bin1)));
    // catalog
    t.put("GET /api/v1/products", site(b -> get("/api/v1/products")));
    t.put(
        "POST /api/v1/products",
        site(
            b ->
                json(
                    "/api/v1/products",
                    map(
                        "sku",
                        unique("SKUX"),
                        "name",
                        "Intruder",
                        "gtins",
                        list(Site.randomGtin()),
                        "tracking",
                        "SERIAL"))));
    t.put(
        "POST /api/v1/products/import",
        site(
            b ->
                new Call(
                    "/api/v1/products/import",
                    "sku,name,tracking\n" + unique("SKUX") + ",Intruder,SERIAL\n",
                    "text/csv")));
    t.put("GET /api/v1/products/{sku}", target(b -> get("/api/v1/products/" + b.site().sku)));
    t.put(
        "PUT /api/v1/products/{sku}",
        target(
            b ->
                new Call(
                    "/api/v1/products/" + b.site().sku,
                    map(
                        "sku",
                        b.site().sku,
                        "name",
                        "Hijacked",
                        "gtins",
                        list(b.site().gtin),
                        "tracking",
                        "NONE"),
                    null)));
    t.put(
        "GET /api/v1/products/{sku}/lots",
        target(b -> get("/api/v1/products/" + b.lotSku() + "/lots")));
    t.put(
        "POST /api/v1/products/{sku}/lots",
        target(
            b ->
                json(
                    "/api/v1/products/" + b.lotSku() + "/lots",
                    map("code", unique("L"), "expiresOn", "2031-01-31"))));
    // ledger: units
    t.put(
        "POST /api/v1/units",
        site(
            b ->
                json(
                    "/api/v1/units",
                    map(
                        "location",
                        b.site().dock,
                        "units",
                        list(map("gtin", b.site().gtin, "serial", unique("SNX")))))));
    t.put("GET /api/v1/units", site(b -> get("/api/v1/units?gtin=" + b.site().gtin)));
    t.put("GET /api/v1/stock", site(b -> get("/api/v1/stock?sku=" + b.site().sku)));
    t.put(
        "GET /api/v1/stock/history",
        target(b -> get("/api/v1/stock/history?sku=" + b.countedSku() + "&lot=" + b.countedLot())));
    t.put(
        "POST /api/v1/stock/moves",
        target(
            b ->
                json(
                    "/api/v1/stock/moves",
                    map(
                        "gtin",
                        b.countedGtin(),
                        "lot",
                        b.countedLot(),
                        "from",
                        b.site().dock,
                        "to",
                        b.site().bin2,
                        "quantity",
                        1))));
    t.put(
        "POST /api/v1/stock/holds",
        target(
            b ->
                json(
                    "/api/v1/stock/holds",
                    map(
                        "gtin",
                        b.countedGtin(),
                        "lot",
                        b.countedLot(),
                        "location",
                        b.site().dock,
                        "quantity",
                        1,
                        "hold",
                        "RECALL",
                        "reason",
                        "intruder"))));
    t.put(
        "POST /api/v1/stock/holds/release",
        target(
            b ->
                json(
                    "/api/v1/stock/holds/release",
                    map(
                        "gtin",
                        b.countedGtin(),
                        "lot",
                        b.countedLot(),
                        "location",
                        b.site().dock,
                        "quantity",
                        1,
                        "hold",
                        "QC",
                        "reason",
                        "intruder"))));
    t.put(
        "POST /api/v1/stock/adjustments",
        target(
            b ->
                json(
                    "/api/v1/stock/adjustments",
                    map(
                        "gtin",
                        b.countedGtin(),
                        "lot",
                        b.countedLot(),
                        "location",
                        b.site().dock,
                        "kind",
                        "LOST",
                        "quantity",
                        1,
                        "reason",
                        "intruder"))));
    t.put("GET /api/v1/units/01/{gtin}/21/{serial}", target(b -> get(b.unit(b.stored()))));
    t.put(
        "GET /api/v1/units/01/{gtin}/21/{serial}/history",
        target(b -> get(b.unit(b.stored()) + "/history")));
    t.put(
        "GET /api/v1/units/by-scan",
        target(b -> get("/api/v1/units/by-scan?scan=" + query(b.scan(b.stored())))));
    t.put(
        "POST /api/v1/units/by-scan/move",
        target(
            b ->
                json(
                    "/api/v1/units/by-scan/move",
                    map("scan", b.scan(b.onDock()), "location", b.site().bin2))));
    t.put(
        "POST /api/v1/units/by-scan/observations",
        target(
            b ->
                json(
                    "/api/v1/units/by-scan/observations",
                    map("scan", b.scan(b.onDock()), "location", b.site().dock))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/move",
        target(b -> json(b.unit(b.onDock()) + "/move", map("location", b.site().bin2))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/observations",
        target(b -> json(b.unit(b.onDock()) + "/observations", map("location", b.site().dock))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/holds",
        target(
            b -> json(b.unit(b.onDock()) + "/holds", map("hold", "RECALL", "reason", "intruder"))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/holds/release",
        target(
            b ->
                json(
                    b.unit(b.held()) + "/holds/release", map("hold", "QC", "reason", "intruder"))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/adjustments",
        target(
            b ->
                json(
                    b.unit(b.onDock()) + "/adjustments",
                    map("kind", "LOST", "reason", "intruder"))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/disposal",
        target(
            b ->
                json(
                    b.unit(b.stored()) + "/disposal",
                    map("to", "SCRAPPED", "reason", "intruder"))));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/fields",
        target(
            b ->
                json(
                    b.unit(b.onDock()) + "/fields",
                    map(
                        "fields",
                        map(
                            "IMEI",
                            "35693803564" + ThreadLocalRandom.current().nextInt(1000, 9999))))));
    t.put(
        "POST /api/v1/units/pack",
        target(
            b ->
                json(
                    "/api/v1/units/pack",
                    map(
                        "units",
                        list(map("gtin", b.site().gtin, "serial", b.onDock())),
                        "into",
                        b.looseSscc()))));
    t.put(
        "POST /api/v1/units/unpack",
        target(
            b ->
                json(
                    "/api/v1/units/unpack",
                    map("units", list(map("gtin", b.site().gtin, "serial", b.stored()))))));
    // ledger: containers
    t.put(
        "POST /api/v1/containers",
        site(
            b -> json("/api/v1/containers", map("sscc", randomSscc(), "location", b.site().bin1))));
    t.put("GET /api/v1/containers/{sscc}", target(b -> get("/api/v1/containers/" + b.innerSscc())));
    t.put(
        "POST /api/v1/containers/{sscc}/move",
        target(
            b ->
                json(
                    "/api/v1/containers/" + b.outerSscc() + "/move",
                    map("location", b.site().bin2))));
    t.put(
        "POST /api/v1/containers/{sscc}/pack",
        target(
            b ->
                json("/api/v1/containers/" + b.looseSscc() + "/pack", map("into", b.outerSscc()))));
    t.put(
        "POST /api/v1/containers/{sscc}/unpack",
        target(b -> new Call("/api/v1/containers/" + b.innerSscc() + "/unpack", null, null)));
    // ledger: integrity
    t.put("POST /api/v1/ledger/verify", site(b -> new Call("/api/v1/ledger/verify", null, null)));
    t.put("GET /api/v1/ledger/checkpoints", site(b -> get("/api/v1/ledger/checkpoints")));
    t.put(
        "POST /api/v1/ledger/checkpoints",
        site(b -> new Call("/api/v1/ledger/checkpoints", null, null)));
    t.put(
        "GET /api/v1/ledger/checkpoints.jsonl", site(b -> get("/api/v1/ledger/checkpoints.jsonl")));
    t.put("GET /api/v1/ledger/public-key", site(b -> get("/api/v1/ledger/public-key")));
    t.put(
        "POST /api/v1/ledger/reanchor", site(b -> new Call("/api/v1/ledger/reanchor", null, null)));
    // inbound: putaway
    t.put(
        "POST /api/v1/putaway/suggestions",
        target(b -> json("/api/v1/putaway/suggestions", map("scan", b.scan(b.onDock())))));
    t.put(
        "POST /api/v1/putaway",
        target(
            b ->
                json(
                    "/api/v1/putaway",
                    map("scan", b.scan(b.onDock()), "location", b.site().bin2))));
    // inbound: receiving (A may open a receipt at the shared dock, in its own name; B's receipts
    // stay B's)
    t.put("POST /api/v1/receipts", site(b -> json("/api/v1/receipts", map("dock", b.site().dock))));
    t.put("GET /api/v1/receipts", site(b -> get("/api/v1/receipts")));
    t.put("GET /api/v1/receipts/{id}", target(b -> get("/api/v1/receipts/" + b.receipt())));
    t.put(
        "POST /api/v1/receipts/{id}/scans",
        target(
            b ->
                json(
                    "/api/v1/receipts/" + b.receipt() + "/scans",
                    map("scan", b.scan(unique("RX"))))));
    t.put(
        "GET /api/v1/receipts/{id}/scans",
        target(b -> get("/api/v1/receipts/" + b.receipt() + "/scans")));
    t.put(
        "POST /api/v1/receipts/{id}/confirm",
        target(
            b ->
                json(
                    "/api/v1/receipts/" + b.receipt() + "/confirm",
                    map("items", list(map("scan", b.scan(unique("RX"))))))));
    t.put(
        "POST /api/v1/receipts/{id}/containers",
        target(
            b ->
                json(
                    "/api/v1/receipts/" + b.receipt() + "/containers",
                    map("units", list(map("gtin", b.site().gtin, "serial", "B-LABEL-1"))))));
    t.put(
        "POST /api/v1/receipts/{id}/close",
        target(b -> new Call("/api/v1/receipts/" + b.receipt() + "/close", null, null)));
    t.put(
        "GET /api/v1/receipts/{id}/report",
        target(b -> get("/api/v1/receipts/" + b.receipt() + "/report")));
    t.put(
        "GET /api/v1/labels/receipts/{id}/units",
        target(b -> get("/api/v1/labels/receipts/" + b.receipt() + "/units")));
    t.put(
        "GET /api/v1/labels/receipts/{id}/containers",
        target(b -> get("/api/v1/labels/receipts/" + b.receipt() + "/containers")));
    // SSCC numbering
    t.put("POST /api/v1/sscc", site(b -> json("/api/v1/sscc", map("count", 1))));
    t.put(
        "GET /api/v1/tenants/{code}/sscc",
        target(b -> get("/api/v1/tenants/" + b.site().tenant + "/sscc")));
    t.put(
        "PUT /api/v1/tenants/{code}/sscc",
        target(
            b ->
                new Call(
                    "/api/v1/tenants/" + b.site().tenant + "/sscc",
                    map("companyPrefix", "9506000", "extensionDigit", 1),
                    null)));
    // labels (text formats, so that the walk can look for B's identifiers in them)
    t.put(
        "POST /api/v1/gs1/parse",
        site(b -> new Call("/api/v1/gs1/parse", "(01)09506000134352(21)A1", "text/plain")));
    t.put(
        "GET /api/v1/labels/units/01/{gtin}/21/{serial}",
        target(
            b ->
                get(
                    "/api/v1/labels/units/01/"
                        + b.site().gtin
                        + "/21/"
                        + b.stored()
                        + "?format=svg")));
    t.put(
        "GET /api/v1/labels/containers/{sscc}",
        target(b -> get("/api/v1/labels/containers/" + b.outerSscc() + "?format=zpl")));
    t.put(
        "GET /api/v1/labels/containers/{sscc}/units",
        target(b -> get("/api/v1/labels/containers/" + b.outerSscc() + "/units")));
    t.put(
        "GET /api/v1/labels/locations/{code}",
        site(b -> get("/api/v1/labels/locations/" + b.site().bin1 + "?format=zpl")));
    // inbound: purchase orders and ASNs (B's are named after B's tenant code: see clientB())
    t.put("GET /api/v1/purchase-orders", site(b -> get("/api/v1/purchase-orders")));
    t.put(
        "POST /api/v1/purchase-orders",
        site(
            b ->
                json(
                    "/api/v1/purchase-orders",
                    map(
                        "number",
                        unique("POX"),
                        "vendor",
                        "Intruder",
                        "lines",
                        list(map("sku", b.site().sku, "quantity", 1))))));
    t.put(
        "GET /api/v1/purchase-orders/{number}",
        target(b -> get("/api/v1/purchase-orders/PO-" + b.site().tenant)));
    t.put(
        "POST /api/v1/asns",
        site(
            b ->
                json(
                    "/api/v1/asns",
                    map(
                        "number",
                        unique("ASNX"),
                        "purchaseOrder",
                        "PO-" + b.site().tenant,
                        "items",
                        list(map("gtin", b.site().gtin, "serial", unique("SNX")))))));
    t.put("GET /api/v1/asns/{number}", target(b -> get("/api/v1/asns/ASN-" + b.site().tenant)));
    t.put(
        "GET /api/v1/asns/{number}/items",
        target(b -> get("/api/v1/asns/ASN-" + b.site().tenant + "/items")));
    t.put(
        "POST /api/v1/asns/{number}/items",
        target(
            b ->
                new Call(
                    "/api/v1/asns/ASN-" + b.site().tenant + "/items",
                    "gtin,serial\n" + b.site().gtin + "," + unique("SNX") + "\n",
                    "text/csv")));
    // outbound: B's channels, customers, orders, pick lists, cartons and shipments stay B's
    t.put("GET /api/v1/sales-channels", site(b -> get("/api/v1/sales-channels")));
    t.put(
        "PUT /api/v1/sales-channels/{code}",
        site(b -> json("/api/v1/sales-channels/WEB", map("name", "Intruder"))));
    t.put("GET /api/v1/customers", site(b -> get("/api/v1/customers")));
    t.put(
        "PUT /api/v1/customers/{code}",
        site(b -> json("/api/v1/customers/C1", map("name", "Intruder"))));
    t.put("GET /api/v1/orders", site(b -> get("/api/v1/orders")));
    t.put(
        "POST /api/v1/orders",
        site(
            b ->
                json(
                    "/api/v1/orders",
                    map(
                        "channel",
                        "WEB",
                        "channelOrderId",
                        b.channelOrderId(),
                        "warehouse",
                        b.site().warehouse,
                        "soldTo",
                        map("name", "Intruder"),
                        "lines",
                        list(map("sku", b.site().sku, "quantity", 1))))));
    t.put("GET /api/v1/orders/{id}", target(b -> get("/api/v1/orders/" + b.order())));
    t.put(
        "GET /api/v1/orders/by-channel/{channel}/{channelOrderId}",
        target(b -> get("/api/v1/orders/by-channel/WEB/" + b.channelOrderId())));
    t.put(
        "POST /api/v1/orders/{id}/cancel",
        target(b -> json("/api/v1/orders/" + b.order() + "/cancel", map("reason", "x"))));
    t.put(
        "POST /api/v1/orders/{id}/lines/{lineNo}/cancel",
        target(b -> json("/api/v1/orders/" + b.order() + "/lines/1/cancel", map("reason", "x"))));
    t.put(
        "POST /api/v1/orders/{id}/allocate",
        target(b -> json("/api/v1/orders/" + b.order() + "/allocate", null)));
    t.put(
        "POST /api/v1/allocation/runs",
        site(b -> json("/api/v1/allocation/runs", map("orders", list(b.order())))));
    t.put(
        "GET /api/v1/availability",
        site(b -> get("/api/v1/availability?sku=" + query(b.site().sku))));
    t.put(
        "POST /api/v1/pick-lists",
        site(
            b ->
                json(
                    "/api/v1/pick-lists",
                    map(
                        "warehouse",
                        b.site().warehouse,
                        "orders",
                        list(b.order()),
                        "destination",
                        b.site().warehouse + "-PACK"))));
    t.put("GET /api/v1/pick-lists/{id}", target(b -> get("/api/v1/pick-lists/" + b.pickList())));
    t.put(
        "POST /api/v1/pick-lists/{id}/scans",
        target(
            b ->
                json(
                    "/api/v1/pick-lists/" + b.pickList() + "/scans",
                    map("location", b.site().bin1, "scan", b.scan(b.stored())))));
    t.put(
        "POST /api/v1/pick-lists/{id}/shorts",
        target(
            b ->
                json(
                    "/api/v1/pick-lists/" + b.pickList() + "/shorts",
                    map("location", b.site().bin1, "scan", b.scan(b.stored()), "reason", "x"))));
    t.put(
        "POST /api/v1/orders/{id}/cartons",
        target(
            b ->
                json(
                    "/api/v1/orders/" + b.order() + "/cartons",
                    map("station", b.site().warehouse + "-PACK"))));
    t.put(
        "GET /api/v1/orders/{id}/packing",
        target(b -> get("/api/v1/orders/" + b.order() + "/packing")));
    t.put(
        "GET /api/v1/orders/{id}/packing-slip",
        target(b -> get("/api/v1/orders/" + b.order() + "/packing-slip")));
    t.put(
        "POST /api/v1/orders/{id}/packing/close",
        target(b -> json("/api/v1/orders/" + b.order() + "/packing/close", map())));
    t.put("GET /api/v1/cartons/{sscc}", target(b -> get("/api/v1/cartons/" + b.carton())));
    t.put(
        "POST /api/v1/cartons/{sscc}/scans",
        target(
            b ->
                json("/api/v1/cartons/" + b.carton() + "/scans", map("scan", b.scan(b.stored())))));
    t.put(
        "POST /api/v1/cartons/{sscc}/close",
        target(b -> json("/api/v1/cartons/" + b.carton() + "/close", null)));
    t.put(
        "POST /api/v1/orders/{id}/shipments",
        target(
            b -> json("/api/v1/orders/" + b.order() + "/shipments", map("carrier", "Intruder"))));
    t.put(
        "GET /api/v1/shipments/{id}/dispatch-advice",
        target(b -> get("/api/v1/shipments/" + b.shipment() + "/dispatch-advice")));
    // returns: licences (B's keys, their reveals and the record of reveals stay B's)
    t.put(
        "POST /api/v1/licence-pools/{sku}/keys",
        target(
            b ->
                json(
                    "/api/v1/licence-pools/" + b.site().sku + "/keys",
                    map("keys", list("INTRUDER-" + unique("K"))))));
    t.put(
        "GET /api/v1/licence-pools/{sku}",
        target(b -> get("/api/v1/licence-pools/" + b.site().sku)));
    t.put(
        "GET /api/v1/units/01/{gtin}/21/{serial}/licence",
        target(b -> get(b.unit(b.sold()) + "/licence")));
    t.put(
        "POST /api/v1/units/01/{gtin}/21/{serial}/licence/reveal",
        target(b -> json(b.unit(b.sold()) + "/licence/reveal", map("reason", "intruder"))));
    t.put("GET /api/v1/licence-views", site(b -> get("/api/v1/licence-views")));
    // channels: B's events, webhooks and deliveries stay B's
    t.put("GET /api/v1/channels/feed", site(b -> get("/api/v1/channels/feed")));
    t.put("GET /api/v1/channels/webhooks", site(b -> get("/api/v1/channels/webhooks")));
    t.put(
        "POST /api/v1/channels/webhooks",
        site(b -> json("/api/v1/channels/webhooks", map("url", "http://127.0.0.1:9/intruder"))));
    t.put(
        "DELETE /api/v1/channels/webhooks/{id}",
        target(b -> new Call("/api/v1/channels/webhooks/" + b.webhook(), null, null)));
    t.put(
        "GET /api/v1/channels/webhooks/{id}/deliveries",
        target(b -> get("/api/v1/channels/webhooks/" + b.webhook() + "/deliveries")));
    t.put(
        "POST /api/v1/channels/webhooks/deliveries/{id}/redeliver",
        target(
            b ->
                new Call(
                    "/api/v1/channels/webhooks/deliveries/" + b.delivery() + "/redeliver",
                    null,
                    null)));
    // returns: B's authorisations, returns and suspect cases stay B's
    t.put("GET /api/v1/return-reasons", site(b -> get("/api/v1/return-reasons")));
    t.put(
        "PUT /api/v1/return-reasons/{code}",
        site(b -> new Call("/api/v1/return-reasons/INTRUDER", map("label", "Intruder"), null)));
    t.put(
        "POST /api/v1/rmas",
        site(
            b ->
                json(
                    "/api/v1/rmas",
                    map(
                        "order",
                        map("channel", "WEB", "id", b.channelOrderId()),
                        "reason",
                        "DEFECTIVE"))));
    t.put("GET /api/v1/rmas/{number}", target(b -> get("/api/v1/rmas/" + b.rma())));
    t.put(
        "POST /api/v1/rmas/{number}/close",
        target(b -> json("/api/v1/rmas/" + b.rma() + "/close", map("reason", "intruder"))));
    t.put(
        "POST /api/v1/returns/verdict",
        site(b -> json("/api/v1/returns/verdict", map("scan", "UNKNOWN1", "rma", b.rma()))));
    t.put(
        "POST /api/v1/returns",
        site(
            b ->
                json(
                    "/api/v1/returns",
                    map(
                        "scan",
                        b.stored(),
                        "reason",
                        "DEFECTIVE",
                        "location",
                        b.site().dock,
                        "quarantine",
                        b.site().quarantine))));
    t.put("GET /api/v1/returns", site(b -> get("/api/v1/returns?status=AWAITING_INSPECTION")));
    t.put("GET /api/v1/returns/{id}", target(b -> get("/api/v1/returns/" + b.ret())));
    t.put(
        "POST /api/v1/returns/{id}/inspection",
        target(b -> json("/api/v1/returns/" + b.ret() + "/inspection", map("condition", "GOOD"))));
    t.put(
        "POST /api/v1/returns/{id}/route",
        target(
            b ->
                json(
                    "/api/v1/returns/" + b.ret() + "/route",
                    map("disposition", "SCRAP", "reason", "intruder"))));
    t.put("GET /api/v1/return-cases", site(b -> get("/api/v1/return-cases?status=OPEN")));
    t.put(
        "GET /api/v1/return-cases/{id}",
        target(b -> get("/api/v1/return-cases/" + b.returnCase())));
    t.put(
        "POST /api/v1/return-cases/{id}/resolve",
        target(
            b ->
                json(
                    "/api/v1/return-cases/" + b.returnCase() + "/resolve",
                    map("decision", "CLEAR", "reason", "intruder"))));
    t.put("GET /api/v1/return-routing-rules", site(b -> get("/api/v1/return-routing-rules")));
    t.put(
        "PUT /api/v1/return-routing-rules",
        site(
            b ->
                new Call(
                    "/api/v1/return-routing-rules",
                    list(map("reason", "*", "condition", "*", "disposition", "SCRAP")),
                    null)));
    // returns: warranty and service of B's units stay B's; the public registration is for anyone
    t.put(
        "GET /api/v1/warranty/01/{gtin}/21/{serial}",
        target(b -> get("/api/v1/warranty/01/" + b.site().gtin + "/21/" + b.stored())));
    t.put(
        "GET /api/v1/warranty",
        target(b -> get("/api/v1/warranty?scan=" + query(b.scan(b.stored())))));
    t.put(
        "GET /api/v1/warranty/01/{gtin}/21/{serial}/service-records",
        target(
            b ->
                get(
                    "/api/v1/warranty/01/"
                        + b.site().gtin
                        + "/21/"
                        + b.stored()
                        + "/service-records")));
    t.put(
        "POST /api/v1/public/{client}/warranty-registrations",
        site(
            b ->
                json(
                    "/api/v1/public/" + b.site().tenant + "/warranty-registrations",
                    map(
                        "gtin",
                        b.site().gtin,
                        "serial",
                        b.stored(),
                        "purchaseDate",
                        "not-a-date",
                        "contact",
                        map("name", "Intruder", "email", "intruder@example.com")))));
    t.put(
        "POST /api/v1/warranty-claims",
        site(
            b ->
                json(
                    "/api/v1/warranty-claims",
                    map(
                        "gtin",
                        b.site().gtin,
                        "serial",
                        b.stored(),
                        "problem",
                        "intruder",
                        "outOfWarrantyReason",
                        "intruder"))));
    t.put("GET /api/v1/warranty-claims", site(b -> get("/api/v1/warranty-claims")));
    t.put(
        "GET /api/v1/warranty-claims/{number}",
        target(b -> get("/api/v1/warranty-claims/" + b.claim())));
    t.put(
        "POST /api/v1/warranty-claims/{number}/status",
        target(
            b ->
                json(
                    "/api/v1/warranty-claims/" + b.claim() + "/status",
                    map("status", "REJECTED", "note", "intruder"))));
    t.put(
        "POST /api/v1/warranty-claims/{number}/replacement",
        target(
            b ->
                json(
                    "/api/v1/warranty-claims/" + b.claim() + "/replacement",
                    map("gtin", b.site().gtin, "serial", b.stored()))));
    t.put(
        "POST /api/v1/service-records",
        site(b -> json("/api/v1/service-records", map("claim", b.claim(), "work", "intruder"))));
    // ledger: genealogy of B's units stays B's
    t.put(
        "POST /api/v1/assemblies",
        site(
            b ->
                json(
                    "/api/v1/assemblies",
                    map(
                        "unit",
                        map("gtin", b.site().gtin, "serial", b.stored()),
                        "components",
                        list(map("gtin", b.site().gtin, "serial", b.held()))))));
    t.put(
        "POST /api/v1/disassemblies",
        site(
            b ->
                json(
                    "/api/v1/disassemblies",
                    map("unit", map("gtin", b.site().gtin, "serial", b.stored())))));
    t.put(
        "GET /api/v1/units/01/{gtin}/21/{serial}/genealogy",
        target(b -> get(b.unit(b.stored()) + "/genealogy")));
    t.put(
        "GET /api/v1/genealogy/containing",
        site(
            b ->
                get(
                    "/api/v1/genealogy/containing?sku="
                        + b.lotSku()
                        + "&lot="
                        + query(b.lotCode()))));
    // recalls: B's campaigns, customers and traces stay B's
    t.put("GET /api/v1/recalls", site(b -> get("/api/v1/recalls")));
    t.put(
        "POST /api/v1/recalls",
        site(
            b ->
                json(
                    "/api/v1/recalls",
                    map(
                        "title",
                        "intruder",
                        "mode",
                        "SERIALS",
                        "units",
                        list(map("gtin", b.site().gtin, "serial", b.sold()))))));
    t.put("GET /api/v1/recalls/{id}", target(b -> get("/api/v1/recalls/" + b.recall())));
    t.put(
        "POST /api/v1/recalls/{id}/open",
        target(b -> json("/api/v1/recalls/" + b.recall() + "/open", null)));
    t.put(
        "POST /api/v1/recalls/{id}/close",
        target(b -> json("/api/v1/recalls/" + b.recall() + "/close", map("reason", "intruder"))));
    t.put(
        "GET /api/v1/recalls/{id}/customers",
        target(b -> get("/api/v1/recalls/" + b.recall() + "/customers")));
    t.put(
        "GET /api/v1/recalls/{id}/customers.csv",
        target(b -> get("/api/v1/recalls/" + b.recall() + "/customers.csv")));
    t.put(
        "POST /api/v1/recalls/{id}/customers/{customerId}/contacted",
        target(
            b ->
                json(
                    "/api/v1/recalls/"
                        + b.recall()
                        + "/customers/"
                        + b.recallCustomer()
                        + "/contacted",
                    null)));
    // counting: B's cycle counts, their blind tasks and their scans stay B's
    t.put("GET /api/v1/counts", site(b -> get("/api/v1/counts")));
    t.put(
        "POST /api/v1/counts",
        site(
            b ->
                json(
                    "/api/v1/counts",
                    map("warehouse", b.site().warehouse, "locations", list(b.site().bin1)))));
    t.put("GET /api/v1/counts/settings", site(b -> get("/api/v1/counts/settings")));
    t.put(
        "PUT /api/v1/counts/settings",
        site(
            b ->
                new Call(
                    "/api/v1/counts/settings",
                    map("recountOnUnitVariance", false, "recountAbovePercent", 100),
                    null)));
    t.put("GET /api/v1/counts/accuracy", site(b -> get("/api/v1/counts/accuracy")));
    t.put(
        "POST /api/v1/counts/{id}/locations/{code}/recount",
        target(
            b ->
                json(
                    "/api/v1/counts/" + b.count() + "/locations/" + b.site().bin1 + "/recount",
                    null)));
    t.put("GET /api/v1/counts/{id}", target(b -> get("/api/v1/counts/" + b.count())));
    t.put(
        "GET /api/v1/counts/{id}/task", target(b -> get("/api/v1/counts/" + b.count() + "/task")));
    t.put(
        "POST /api/v1/counts/{id}/locations/{code}/scans",
        target(
            b ->
                json(
                    "/api/v1/counts/" + b.count() + "/locations/" + b.site().bin1 + "/scans",
                    map("scan", b.scan(b.stored())))));
    t.put(
        "POST /api/v1/counts/{id}/locations/{code}/done",
        target(
            b ->
                json(
                    "/api/v1/counts/" + b.count() + "/locations/" + b.site().bin1 + "/done",
                    null)));
    t.put(
        "POST /api/v1/counts/{id}/approve",
        target(b -> json("/api/v1/counts/" + b.count() + "/approve", null)));
    t.put(
        "POST /api/v1/counts/{id}/reject",
        target(b -> json("/api/v1/counts/" + b.count() + "/reject", map("reason", "intruder"))));
    t.put("GET /api/v1/counts/abc", site(b -> get("/api/v1/counts/abc")));
    t.put(
        "PUT /api/v1/counts/abc/{sku}",
        target(b -> json("/api/v1/counts/abc/" + b.site().sku, map("abcClass", "C"))));
    t.put("GET /api/v1/count-plans", site(b -> get("/api/v1/count-plans")));
    t.put("GET /api/v1/transfers", site(b -> get("/api/v1/transfers")));
    t.put(
        "POST /api/v1/transfers",
        site(
            b ->
                json(
                    "/api/v1/transfers",
                    map(
                        "from",
                        b.site().warehouse,
                        "to",
                        transferTo(b.site()),
                        "units",
                        list(b.site().unitKey(b.stored()))))));
    t.put("GET /api/v1/transfers/{number}", target(b -> get("/api/v1/transfers/" + transfer(b))));
    t.put(
        "POST /api/v1/transfers/{number}/receive",
        target(
            b ->
                json(
                    "/api/v1/transfers/" + transfer(b) + "/receive",
                    map("dock", transferTo(b.site()) + "-D"))));
    t.put(
        "POST /api/v1/transfers/{number}/close",
        target(
            b ->
                json(
                    "/api/v1/transfers/" + transfer(b) + "/close",
                    map("reason", "lost by the intruder"))));
    t.put(
        "PUT /api/v1/count-plans/{code}",
        site(
            b ->
                json(
                    "/api/v1/count-plans/" + unique("PX"),
                    map("warehouse", b.site().warehouse, "abcClass", "C"))));
    t.put(
        "DELETE /api/v1/count-plans/{code}",
        target(b -> get("/api/v1/count-plans/" + countPlan(b.site()))));
    t.put(
        "POST /api/v1/count-plans/{code}/run",
        target(b -> json("/api/v1/count-plans/" + countPlan(b.site()) + "/run", null)));
    t.put(
        "GET /api/v1/trace/lots",
        site(b -> get("/api/v1/trace/lots?product=" + b.lotSku() + "&lot=" + query(b.lotCode()))));
    t.put(
        "GET /api/v1/trace/lots.csv",
        site(
            b ->
                get(
                    "/api/v1/trace/lots.csv?product="
                        + b.lotSku()
                        + "&lot="
                        + query(b.lotCode()))));
    t.put(
        "GET /api/v1/trace/units/01/{gtin}/21/{serial}",
        target(b -> get("/api/v1/trace/units/01/" + b.site().gtin + "/21/" + b.stored())));
    t.put(
        "GET /api/v1/vendor-lots/{vendorLot}",
        site(b -> get("/api/v1/vendor-lots/" + query(b.lotCode()) + "?product=" + b.lotSku())));
    return t;
  }

  @Test
  void theWalkKnowsHowToCallExactlyTheMappedApiEndpoints() {
    assertThat(table().keySet())
        .as(
            "every /api/** endpoint needs a row in the isolation walk's table, and no row may name a gone endpoint")
        .containsExactlyInAnyOrderElementsOf(mappedApiEndpoints().keySet());
  }

  @Test
  void principalsOfOneClientNeitherSeeNorChangeAnotherClientsGoodsOnAnyEndpoint() {
    Target b = clientB();
    Site a = Site.create(admin);
    a.register(a.dock, unique("SNA"));
    ok(a.api.post("/api/v1/containers", map("sscc", randomSscc(), "location", a.bin1)));
    List<Principal> principals = principalsOf(a);
    Map<String, Object> before = snapshot(b);

    Map<String, HandlerMethod> mapped = mappedApiEndpoints();
    Map<String, Endpoint> table = table();
    assertThat(table.keySet())
        .as("the walk's table")
        .containsExactlyInAnyOrderElementsOf(mapped.keySet());
    SoftAssertions soft = new SoftAssertions();
    int calls = 0;
    for (Principal p : principals) {
      for (String asked : List.of(b.site().tenant, a.tenant)) {
        boolean askingForB = asked.equals(b.site().tenant);
        for (var e : mapped.entrySet()) {
          String key = e.getKey();
          boolean tenantScoped =
              Arrays.stream(e.getValue().getMethodParameters())
                  .anyMatch(m -> m.getParameterType() == TenantScope.class);
          Endpoint endpoint = table.get(key);
          Call call = endpoint.call().apply(b);
          String method = key.substring(0, key.indexOf(' '));
          Api.Response r =
              p.api()
                  .in(asked)
                  .send(
                      method,
                      call.path(),
                      call.body(),
                      call.contentType() == null
                          ? Map.of()
                          : Map.of("Content-Type", call.contentType()));
          calls++;
          String what =
              p.name()
                  + " asking for "
                  + (askingForB ? "B" : "A")
                  + ": "
                  + method
                  + " "
                  + call.path()
                  + " → "
                  + r;
          if (tenantScoped && askingForB) {
            soft.assertThat(r.status()).as(what).isEqualTo(403);
          } else {
            soft.assertThat(r.status()).as(what).isIn(200, 201, 204, 400, 403, 404, 409, 422);
          }
          if (endpoint.addressesTarget()) {
            soft.assertThat(r.status() / 100)
                .as(what + " (the path names B's data)")
                .isNotEqualTo(2);
          }
          if (r.status() >= 400) {
            soft.assertThat(r.contentType()).as(what).startsWith("application/problem+json");
          } else {
            for (String secret : b.secrets()) {
              soft.assertThat(r.body())
                  .as(what + " (a success answer to A must not name B's " + secret + ")")
                  .doesNotContain(secret);
            }
          }
        }
      }
    }
    soft.assertAll();
    assertThat(calls).isEqualTo(principals.size() * 2 * table.size());

    assertThat(snapshot(b)).as("client B's data after the walk").isEqualTo(before);
    var verified = ok(b.site().api.post("/api/v1/ledger/verify", null));
    assertThat(verified.at("/intact").asBoolean()).isTrue();
    assertThat(Api.token(port, b.token()).get("/api/v1/me").status())
        .as("B's token was not revoked")
        .isEqualTo(200);
  }

  @Test
  void aClientUserDoesNotSeeTheSiteLayout() {
    Site a = Site.create(admin);
    Api client = user(a, "CLIENT");
    for (String path :
        List.of("/api/v1/warehouses", "/api/v1/locations", "/api/v1/locations/" + a.bin1)) {
      var r = client.get(path);
      assertThat(r.status()).as(path + " " + r).isEqualTo(403);
      assertThat(r.problemCode()).isEqualTo("forbidden");
    }
    var operator = user(a, "OPERATOR");
    assertThat(operator.get("/api/v1/locations/" + a.bin1).at("/code").asString())
        .isEqualTo(a.bin1);
    assertThat(operator.get("/api/v1/warehouses").status()).isEqualTo(200);
  }

  @Test
  void onlySupervisorsAndAdminsChangeTheSiteLayout() {
    Site a = Site.create(admin);
    Map<String, Api> people = new LinkedHashMap<>();
    people.put("CLIENT", user(a, "CLIENT"));
    people.put("OPERATOR", user(a, "OPERATOR"));
    people.put("SUPERVISOR", user(a, "SUPERVISOR"));
    Api supervisorReadToken = Api.token(port, issue(people.get("SUPERVISOR"), a.tenant, "read"));
    for (var e :
        Map.of(
                "CLIENT",
                people.get("CLIENT"),
                "OPERATOR",
                people.get("OPERATOR"),
                "read token",
                supervisorReadToken)
            .entrySet()) {
      String wh = unique("WH");
      var r = e.getValue().post("/api/v1/warehouses", map("code", wh, "name", "W"));
      assertThat(r.status()).as(e.getKey() + " " + r).isEqualTo(403);
      var l =
          e.getValue()
              .post(
                  "/api/v1/locations",
                  map("warehouse", a.warehouse, "code", unique("L"), "type", "STORAGE"));
      assertThat(l.status()).as(e.getKey() + " " + l).isEqualTo(403);
      assertThat(admin.get("/api/v1/warehouses").body()).doesNotContain(wh);
    }
    String wh = unique("WH");
    assertThat(
            people
                .get("SUPERVISOR")
                .post("/api/v1/warehouses", map("code", wh, "name", "W"))
                .status())
        .isEqualTo(201);
    assertThat(
            people
                .get("SUPERVISOR")
                .post(
                    "/api/v1/locations",
                    map("warehouse", wh, "code", wh + "-B1", "type", "STORAGE"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void onlyAnAdminSignedInAsAPersonManagesClientsAndUsers() {
    Site a = Site.create(admin);
    Map<String, Api> refused = new LinkedHashMap<>();
    refused.put("CLIENT", user(a, "CLIENT"));
    refused.put("OPERATOR", user(a, "OPERATOR"));
    refused.put("SUPERVISOR", user(a, "SUPERVISOR"));
    refused.put("admin's write token", Api.token(port, issue(admin, a.tenant, "write")));
    for (var e : refused.entrySet()) {
      String code = unique("T");
      var t = e.getValue().post("/api/v1/tenants", map("code", code, "name", "N"));
      assertThat(t.status()).as(e.getKey() + " " + t).isEqualTo(403);
      String username = unique("u");
      var u =
          e.getValue()
              .post(
                  "/api/v1/users",
                  map("username", username, "password", "long-enough-pw", "role", "ADMIN"));
      assertThat(u.status()).as(e.getKey() + " " + u).isEqualTo(403);
      assertThat(e.getValue().get("/api/v1/users").status()).as(e.getKey()).isEqualTo(403);
      assertThat(
              db.sql("SELECT count(*) FROM tenant WHERE code = ?")
                  .param(code)
                  .query(Integer.class)
                  .single())
          .isZero();
      assertThat(
              db.sql("SELECT count(*) FROM app_user WHERE username = ?")
                  .param(username)
                  .query(Integer.class)
                  .single())
          .isZero();
    }
    String code = unique("T");
    assertThat(admin.post("/api/v1/tenants", map("code", code, "name", "N")).status())
        .isEqualTo(201);
    assertThat(
            admin
                .post(
                    "/api/v1/users",
                    map(
                        "username",
                        unique("u"),
                        "password",
                        "long-enough-pw",
                        "role",
                        "OPERATOR",
                        "tenants",
                        list(code)))
                .status())
        .isEqualTo(201);
  }

  @Test
  void anOperatorSeesOnlyTheClientsGrantedToThem() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    Api operator = user(a, "OPERATOR");
    var me = operator.get("/api/v1/me");
    assertThat(me.at("/tenants").size()).isEqualTo(1);
    assertThat(me.at("/tenants/0/code").asString()).isEqualTo(a.tenant);
    assertThat(operator.get("/api/v1/tenants").body()).contains(a.tenant).doesNotContain(b.tenant);
    // with a single client, no X-Tenant header is needed: it is that one
    assertThat(operator.get("/api/v1/products").at("/items/0/sku").asString()).isEqualTo(a.sku);
    // a client that does not exist is refused exactly like one that exists but is not granted, so
    // codes do not leak
    var unknown = operator.in(unique("NOPE")).get("/api/v1/products");
    var other = operator.in(b.tenant).get("/api/v1/products");
    assertThat(unknown.status()).isEqualTo(403);
    assertThat(other.status()).isEqualTo(403);
    assertThat(unknown.problemCode()).isEqualTo(other.problemCode());
  }

  @Test
  void theTenantQueryParameterIsCheckedLikeTheHeader() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String serial = unique("SNB");
    b.register(b.dock, serial);
    Api operator = user(a, "OPERATOR");
    var products = operator.get("/api/v1/products?tenant=" + b.tenant);
    assertThat(products.status()).isEqualTo(403);
    var unit = operator.get(b.unitPath(serial) + "?tenant=" + b.tenant);
    assertThat(unit.status()).isEqualTo(403);
    var moved =
        operator.post(b.unitPath(serial) + "/move?tenant=" + b.tenant, map("location", b.bin1));
    assertThat(moved.status()).isEqualTo(403);
    // the header wins over the parameter, and in A there is no such unit
    assertThat(operator.in(a.tenant).get(b.unitPath(serial) + "?tenant=" + b.tenant).status())
        .isEqualTo(404);
    assertThat(b.api.get(b.unitPath(serial)).at("/version").asInt()).isEqualTo(1);
  }

  @Test
  void anotherClientsIdentifiersNeitherCollideWithOursNorRevealThemselves() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String serial = unique("SN");
    String imei = "35" + unique("").replaceAll("[^0-9]", "7");
    String sscc = randomSscc();
    ok(
        b.api.post(
            "/api/v1/units",
            map(
                "location",
                b.dock,
                "units",
                list(map("gtin", b.gtin, "serial", serial, "fields", map("IMEI", imei))))));
    ok(b.api.post("/api/v1/containers", map("sscc", sscc, "location", b.bin1)));

    // the same article, serial, IMEI and SSCC in client A: a conflict here would tell A that B has
    // them
    ok(
        a.api.put(
            "/api/v1/products/" + a.sku,
            map(
                "sku",
                a.sku,
                "name",
                "Phone",
                "gtins",
                list(a.gtin, b.gtin),
                "tracking",
                "SERIAL",
                "customFields",
                list(map("name", "IMEI", "type", "TEXT", "required", false, "unique", true)))));
    var registered =
        a.api.post(
            "/api/v1/units",
            map(
                "location",
                a.dock,
                "units",
                list(map("gtin", b.gtin, "serial", serial, "fields", map("IMEI", imei)))));
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    assertThat(a.api.post("/api/v1/containers", map("sscc", sscc, "location", a.bin1)).status())
        .isEqualTo(201);

    var searched = ok(a.api.get("/api/v1/units?identifier=" + imei));
    assertThat(searched.at("/items").size()).isEqualTo(1);
    assertThat(searched.at("/items/0/location").asString()).isEqualTo(a.dock);
    assertThat(ok(b.api.get("/api/v1/units?identifier=" + imei)).at("/items/0/location").asString())
        .isEqualTo(b.dock);
    assertThat(ok(b.api.get(b.unitPath(serial) + "/history")).at("/items").size()).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyUsedByAnotherClientIsNotAnsweredWithThatClientsReceipt() {
    Site a = Site.create(admin);
    Site b = Site.create(admin);
    String serialB = unique("SNB");
    String serialA = unique("SNA");
    b.register(b.dock, serialB);
    a.register(a.dock, serialA);
    String key = unique("scan-");
    var first = ok(b.api.post(b.unitPath(serialB) + "/move", map("location", b.bin1), key));

    Api writer = Api.token(port, issue(user(a, "OPERATOR"), a.tenant, "write"));
    var same = writer.post(a.unitPath(serialA) + "/move", map("location", a.bin1), key);
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.at("/repeated").asBoolean()).isFalse();
    assertThat(same.at("/eventId").asLong()).isNotEqualTo(first.at("/eventId").asLong());
    assertThat(same.body()).doesNotContain(serialB).doesNotContain(b.gtin);
    assertThat(a.api.get(a.unitPath(serialA)).at("/location").asString()).isEqualTo(a.bin1);
  }

  // Fixture

  private Target clientB() {
    Site b = Site.create(admin);
    String stored = unique("SNB");
    String held = unique("SNB");
    String onDock = unique("SNB");
    b.register(b.dock, stored, held, onDock);
    ok(b.api.post(b.unitPath(stored) + "/move", map("location", b.bin1)));
    ok(b.api.post(b.unitPath(held) + "/holds", map("hold", "QC", "reason", "inspection")));

    String lotSku = unique("SKUB");
    String lotGtin = Site.randomGtin();
    ok(
        b.api.post(
            "/api/v1/products",
            map(
                "sku",
                lotSku,
                "name",
                "Vaccine " + lotSku,
                "gtins",
                list(lotGtin),
                "tracking",
                "LOT_AND_SERIAL",
                "expiryTracked",
                true)));
    String lotCode = unique("LB");
    ok(
        b.api.post(
            "/api/v1/products/" + lotSku + "/lots",
            map("code", lotCode, "manufacturedOn", "2025-01-01", "expiresOn", "2030-12-31")));
    String lotted = unique("SNB");
    ok(
        b.api.post(
            "/api/v1/units",
            map(
                "location",
                b.bin2,
                "units",
                list(
                    map(
                        "gtin",
                        lotGtin,
                        "serial",
                        lotted,
                        "lot",
                        lotCode,
                        "expiry",
                        "2030-12-31")))));

    String inner = randomSscc();
    String outer = randomSscc();
    String loose = randomSscc();
    ok(b.api.post("/api/v1/containers", map("sscc", inner, "kind", "CASE", "location", b.bin1)));
    ok(b.api.post("/api/v1/containers", map("sscc", outer, "kind", "PALLET", "location", b.bin1)));
    ok(b.api.post("/api/v1/containers", map("sscc", loose, "kind", "CASE", "location", b.bin2)));
    ok(b.api.post("/api/v1/units/pack", map("units", list(b.unitKey(stored)), "into", inner)));
    ok(b.api.post("/api/v1/containers/" + inner + "/pack", map("into", outer)));
    ok(b.api.post("/api/v1/ledger/checkpoints", null));
    ok(
        b.api.post(
            "/api/v1/purchase-orders",
            map(
                "number",
                "PO-" + b.tenant,
                "vendor",
                "Acme",
                "lines",
                list(map("sku", b.sku, "quantity", 5)))));
    ok(
        b.api.post(
            "/api/v1/asns",
            map(
                "number",
                "ASN-" + b.tenant,
                "purchaseOrder",
                "PO-" + b.tenant,
                "containers",
                list(map("sscc", randomSscc(), "kind", "PALLET")),
                "items",
                list(map("gtin", b.gtin, "serial", unique("SNB"))))));

    // B's token is the admin's, so an A-bound token of the same admin is the sharpest test of the
    // binding
    String tokenName = unique("b-scanner-");
    var issued =
        ok(
            admin.post(
                "/api/v1/tokens", map("name", tokenName, "tenant", b.tenant, "scope", "write")));
    long tenantId =
        db.sql("SELECT id FROM tenant WHERE code = ?").param(b.tenant).query(Long.class).single();
    // A receipt of B's with a unit typed in (so it has a label to print)
    long receipt = ok(b.api.post("/api/v1/receipts", map("dock", b.dock))).at("/id").asLong();
    ok(
        b.api.post(
            "/api/v1/receipts/" + receipt + "/scans", map("scan", "B-LABEL-1", "product", b.gtin)));
    // Counted goods of B's (a lot-only product) on the dock
    String countedSku = unique("SKUC");
    String countedGtin = Site.randomGtin();
    ok(
        b.api.post(
            "/api/v1/products",
            map(
                "sku",
                countedSku,
                "name",
                "Saline " + countedSku,
                "gtins",
                list(countedGtin),
                "tracking",
                "LOT")));
    String countedLot = unique("LC");
    ok(
        b.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                countedGtin,
                "lot",
                countedLot,
                "location",
                b.dock,
                "kind",
                "FOUND",
                "quantity",
                50,
                "reason",
                "opening stock")));
    ok(
        b.api.post(
            "/api/v1/stock/holds",
            map(
                "gtin",
                countedGtin,
                "lot",
                countedLot,
                "location",
                b.dock,
                "quantity",
                5,
                "hold",
                "QC",
                "reason",
                "inspection")));
    // A webhook of B (to a closed local port: its delivery keeps failing, harmlessly) and one
    // event.
    long webhook =
        ok(b.api.post(
                "/api/v1/channels/webhooks",
                map(
                    "url",
                    "http://127.0.0.1:9/" + b.tenant,
                    "types",
                    list("availability.changed"))))
            .at("/id")
            .asLong();
    tx.executeWithoutResult(
        st -> outbox.append(tenantId, "availability.changed", map("sku", lotSku, "available", 7)));
    long delivery =
        ok(b.api.get("/api/v1/channels/webhooks/" + webhook + "/deliveries"))
            .at("/items/0/id")
            .asLong();
    // B's outbound: one order, picked, packed into a carton under B's SSCC numbering and shipped
    ok(
        admin.put(
            "/api/v1/tenants/" + b.tenant + "/sscc",
            map("companyPrefix", "95" + (10000 + ThreadLocalRandom.current().nextInt(89999)))));
    ok(
        b.api.post(
            "/api/v1/locations",
            map(
                "warehouse",
                b.warehouse,
                "code",
                b.warehouse + "-PACK",
                "type",
                "PACKING",
                "level",
                "AREA")));
    ok(b.api.put("/api/v1/sales-channels/WEB", map("name", "Web shop")));
    // B's product carries a licence: the unit B ships is issued B's key, which B reveals once
    String licenceKey = "B-LICENCE-" + unique("K");
    ok(b.api.post("/api/v1/licence-pools/" + b.sku + "/keys", map("keys", list(licenceKey))));
    String sold = unique("SNB");
    b.register(b.bin2, sold);
    String channelOrderId = unique("ORDB");
    long order =
        ok(b.api.post(
                "/api/v1/orders",
                map(
                    "channel",
                    "WEB",
                    "channelOrderId",
                    channelOrderId,
                    "warehouse",
                    b.warehouse,
                    "soldTo",
                    map("name", "Buyer of B"),
                    "lines",
                    list(map("gtin", b.gtin, "serial", sold)))))
            .at("/id")
            .asLong();
    ok(b.api.post("/api/v1/orders/" + order + "/allocate", null));
    long pickList =
        ok(b.api.post(
                "/api/v1/pick-lists",
                map(
                    "warehouse",
                    b.warehouse,
                    "orders",
                    list(order),
                    "destination",
                    b.warehouse + "-PACK")))
            .at("/id")
            .asLong();
    ok(
        b.api.post(
            "/api/v1/pick-lists/" + pickList + "/scans",
            map("location", b.bin2, "scan", "(01)" + b.gtin + "(21)" + sold)));
    String carton =
        ok(b.api.post(
                "/api/v1/orders/" + order + "/cartons", map("station", b.warehouse + "-PACK")))
            .at("/sscc")
            .asString();
    ok(
        b.api.post(
            "/api/v1/cartons/" + carton + "/scans", map("scan", "(01)" + b.gtin + "(21)" + sold)));
    ok(b.api.post("/api/v1/orders/" + order + "/packing/close", null));
    long shipment =
        ok(b.api.post("/api/v1/orders/" + order + "/shipments", map("carrier", "DHL")))
            .at("/shipment")
            .asLong();
    ok(b.api.post(b.unitPath(sold) + "/licence/reveal", map("reason", "customer support")));
    // B's recall of the unit it shipped: a campaign with one customer to notify
    long recall =
        ok(b.api.post(
                "/api/v1/recalls",
                map(
                    "title",
                    "B's recall",
                    "mode",
                    "SERIALS",
                    "units",
                    list(map("gtin", b.gtin, "serial", sold)))))
            .at("/id")
            .asLong();
    ok(b.api.post("/api/v1/recalls/" + recall + "/open", null));
    long recallCustomer =
        ok(b.api.get("/api/v1/recalls/" + recall + "/customers")).at("/items/0/id").asLong();
    // B's cycle count of its first bin, open
    long count =
        ok(b.api.post("/api/v1/counts", map("warehouse", b.warehouse, "locations", list(b.bin1))))
            .at("/id")
            .asLong();
    // B's count plan of its A items, and its own class for its phone
    ok(
        b.api.put(
            "/api/v1/count-plans/" + countPlan(b), map("warehouse", b.warehouse, "abcClass", "A")));
    ok(b.api.put("/api/v1/counts/abc/" + b.sku, map("abcClass", "A")));
    // B's transfer of a unit of its own to another building, still on its way
    ok(admin.post("/api/v1/warehouses", map("code", transferTo(b), "name", "B's other building")));
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", transferTo(b), "code", transferTo(b) + "-D", "type", "DOCK")));
    String travelling = unique("SNB");
    b.register(b.bin1, travelling);
    ok(
        b.api.post(
            "/api/v1/transfers",
            map("from", b.warehouse, "to", transferTo(b), "units", list(b.unitKey(travelling)))));
    // A warranty claim of B's on the unit it shipped (its product has no warranty: accepted anyway)
    String claim =
        ok(b.api.post(
                "/api/v1/warranty-claims",
                map(
                    "gtin",
                    b.gtin,
                    "serial",
                    sold,
                    "problem",
                    "dead on arrival",
                    "outOfWarrantyReason",
                    "goodwill")))
            .at("/number")
            .asString();
    // B's returns: an RMA for the sold unit, and its return by a stranger, quarantined with a case
    String rma = unique("RMAB");
    ok(
        b.api.post(
            "/api/v1/rmas",
            map(
                "number",
                rma,
                "units",
                list("(01)" + b.gtin + "(21)" + sold),
                "reason",
                "DEFECTIVE")));
    var returned =
        ok(
            b.api.post(
                "/api/v1/returns",
                map(
                    "scan",
                    "(01)" + b.gtin + "(21)" + sold,
                    "rma",
                    rma,
                    "returnedBy",
                    "Stranger",
                    "location",
                    b.dock,
                    "quarantine",
                    b.quarantine)));
    return new Target(
        b,
        tenantId,
        lotSku,
        lotGtin,
        lotCode,
        stored,
        held,
        onDock,
        lotted,
        inner,
        outer,
        loose,
        issued.at("/id").asLong(),
        tokenName,
        issued.at("/token").asString(),
        receipt,
        countedSku,
        countedGtin,
        countedLot,
        webhook,
        delivery,
        order,
        channelOrderId,
        pickList,
        carton,
        shipment,
        rma,
        returned.at("/ret/id").asLong(),
        returned.at("/ret/suspectCase/id").asLong(),
        claim,
        sold,
        licenceKey,
        recall,
        recallCustomer,
        count);
  }

  private List<Principal> principalsOf(Site a) {
    Api client = user(a, "CLIENT");
    Api operator = user(a, "OPERATOR");
    List<Principal> p = new ArrayList<>();
    p.add(new Principal("CLIENT user of A", client));
    p.add(new Principal("OPERATOR granted A", operator));
    p.add(
        new Principal(
            "OPERATOR's write token of A", Api.token(port, issue(operator, a.tenant, "write"))));
    p.add(
        new Principal("admin's read token of A", Api.token(port, issue(admin, a.tenant, "read"))));
    p.add(
        new Principal(
            "admin's write token of A", Api.token(port, issue(admin, a.tenant, "write"))));
    return p;
  }

  /**
   * Everything about B that the walk could have changed, read as B's admin and straight from the
   * tables.
   */
  private Map<String, Object> snapshot(Target b) {
    Map<String, Object> s = new TreeMap<>();
    Api api = b.site().api;
    for (String serial : List.of(b.stored(), b.held(), b.onDock())) {
      s.put("unit " + serial, ok(api.get(b.unit(serial))).body());
      s.put("history " + serial, ok(api.get(b.unit(serial) + "/history")).body());
    }
    s.put(
        "unit " + b.lotted(),
        ok(api.get("/api/v1/units/01/" + b.lotGtin() + "/21/" + b.lotted())).body());
    s.put("products", ok(api.get("/api/v1/products")).body());
    s.put("lots", ok(api.get("/api/v1/products/" + b.lotSku() + "/lots")).body());
    for (String sscc : List.of(b.innerSscc(), b.outerSscc(), b.looseSscc())) {
      s.put("container " + sscc, ok(api.get("/api/v1/containers/" + sscc)).body());
    }
    s.put("checkpoints", ok(api.get("/api/v1/ledger/checkpoints")).body());
    s.put("sscc numbering", ok(api.get("/api/v1/tenants/" + b.site().tenant + "/sscc")).body());
    s.put("purchase order", ok(api.get("/api/v1/purchase-orders/PO-" + b.site().tenant)).body());
    s.put("asn", ok(api.get("/api/v1/asns/ASN-" + b.site().tenant)).body());
    s.put("asn items", ok(api.get("/api/v1/asns/ASN-" + b.site().tenant + "/items")).body());
    s.put("counted stock", ok(api.get("/api/v1/stock?sku=" + b.countedSku())).body());
    s.put("channel feed", ok(api.get("/api/v1/channels/feed")).body());
    s.put("orders", ok(api.get("/api/v1/orders")).body());
    s.put("order", ok(api.get("/api/v1/orders/" + b.order())).body());
    s.put("rma", ok(api.get("/api/v1/rmas/" + b.rma())).body());
    s.put("packing", ok(api.get("/api/v1/orders/" + b.order() + "/packing")).body());
    s.put("pick list", ok(api.get("/api/v1/pick-lists/" + b.pickList())).body());
    s.put(
        "dispatch advice",
        ok(api.get("/api/v1/shipments/" + b.shipment() + "/dispatch-advice")).body());
    s.put("availability", ok(api.get("/api/v1/availability")).body());
    s.put("sales channels", ok(api.get("/api/v1/sales-channels")).body());
    s.put("webhooks", ok(api.get("/api/v1/channels/webhooks")).body());
    s.put("warranty claim", ok(api.get("/api/v1/warranty-claims/" + b.claim())).body());
    s.put("licence pool", ok(api.get("/api/v1/licence-pools/" + b.site().sku)).body());
    s.put("licence", ok(api.get(b.unit(b.sold()) + "/licence")).body());
    s.put("licence views", ok(api.get("/api/v1/licence-views")).body());
    s.put("recall", ok(api.get("/api/v1/recalls/" + b.recall())).body());
    s.put("recall customers", ok(api.get("/api/v1/recalls/" + b.recall() + "/customers")).body());
    s.put("count", ok(api.get("/api/v1/counts/" + b.count())).body());
    s.put("count settings", ok(api.get("/api/v1/counts/settings")).body());
    s.put("count plans", ok(api.get("/api/v1/count-plans")).body());
    s.put("transfers", ok(api.get("/api/v1/transfers")).body());
    s.put("abc classes", ok(api.get("/api/v1/counts/abc")).body());
    s.put("genealogy", ok(api.get(b.unit(b.stored()) + "/genealogy")).body());
    s.put(
        "counted history",
        ok(api.get("/api/v1/stock/history?sku=" + b.countedSku() + "&lot=" + b.countedLot()))
            .body());
    for (String table :
        List.of(
            "product",
            "product_gtin",
            "lot",
            "container",
            "unit",
            "unit_field",
            "ledger_event",
            "ledger_entry",
            "ledger_checkpoint",
            "user_tenant",
            "purchase_order",
            "po_line",
            "asn",
            "asn_container",
            "asn_item",
            "receipt",
            "receipt_scan",
            "receipt_tally",
            "receipt_container",
            "stock",
            "stock_entry",
            "stock_checkpoint",
            "event_checkpoint",
            "outbox_event",
            "webhook_subscription",
            "webhook_delivery",
            "sales_channel",
            "customer",
            "sales_order",
            "order_line",
            "allocation",
            "pick_list",
            "carton",
            "carton_stock",
            "shipment",
            "warranty_registration",
            "warranty_claim",
            "service_record",
            "service_part",
            "licence_pool",
            "licence_key",
            "licence_owed",
            "licence_view",
            "genealogy_link",
            "recall_campaign",
            "recall_unit",
            "recall_bucket",
            "recall_customer",
            "cycle_count",
            "count_task",
            "count_serial",
            "count_goods",
            "count_discrepancy",
            "count_settings",
            "count_first_scan",
            "count_product",
            "count_abc_class",
            "count_plan",
            "transfer",
            "transfer_unit",
            "transfer_container",
            "transfer_stock")) {
      s.put(
          "rows of " + table,
          db.sql("SELECT count(*) FROM " + table + " WHERE tenant_id = ?")
              .param(b.tenantId())
              .query(Long.class)
              .single());
    }
    s.put(
        "revoked tokens",
        db.sql("SELECT count(*) FROM api_token WHERE tenant_id = ? AND revoked_at IS NOT NULL")
            .param(b.tenantId())
            .query(Long.class)
            .single());
    return s;
  }

  private Map<String, HandlerMethod> mappedApiEndpoints() {
    Map<String, HandlerMethod> endpoints = new TreeMap<>();
    mapping
        .getHandlerMethods()
        .forEach(
            (info, handler) -> {
              for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                  continue;
                }
                var methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                  endpoints.put("ANY " + pattern, handler);
                }
                for (RequestMethod m : methods) {
                  endpoints.put(m.name() + " " + pattern, handler);
                }
              }
            });
    return endpoints;
  }

  /** A person with {@code role} granted only client {@code site}, signed in with HTTP Basic. */
  private Api user(Site site, String role) {
    String username = unique(role.toLowerCase() + "-");
    String password = "pw-" + unique("");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                username,
                "password",
                password,
                "role",
                role,
                "tenants",
                role.equals("SUPERVISOR") ? list() : list(site.tenant))));
    return Api.basic(port, username, password);
  }

  private static String issue(Api person, String tenant, String scope) {
    return ok(person.post(
            "/api/v1/tokens", map("name", unique("token-"), "tenant", tenant, "scope", scope)))
        .at("/token")
        .asString();
  }

  static String randomSscc() {
    String body =
        "0" + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
    return body + CheckDigit.compute(body);
  }

  /** The code of B's count plan. */
  private static String countPlan(Site b) {
    return "PLAN-" + b.tenant;
  }

  /** The building B's transfer goes to (its code does not name B). */
  private static String transferTo(Site b) {
    return "TW-" + Integer.toHexString(b.tenant.hashCode()).toUpperCase();
  }

  /** The number of B's transfer, as B reads it. */
  private static String transfer(Target b) {
    return ok(b.site().api.get("/api/v1/transfers")).at("/items/0/number").asString();
  }

  private static Endpoint site(Function<Target, Call> call) {
    return new Endpoint(false, call);
  }

  private static Endpoint target(Function<Target, Call> call) {
    return new Endpoint(true, call);
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Call get(String path) {
    return new Call(path, null, null);
  }

  private static Call json(String path, Object body) {
    return new Call(path, body, null);
  }
}
