package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The recall dashboard, a campaign's page and the trace, over HTTP as a browser posts its forms:
 * campaigns open first, then drafts, then closed, each with its units by where they are and its
 * progress; customers marked contacted through the same rules as the API; opening and closing for
 * supervisors only, a closing without a reason refused on the field; the trace of an assembled
 * unit, of its component and of a lot. One client for the whole class.
 */
class RecallsPageIT extends IntegrationTest {

  private static RecallShop shop;

  @BeforeEach
  void shop() {
    if (shop == null) {
      shop = RecallShop.open(admin);
    }
  }

  @Test
  void theDashboardListsOpenCampaignsFirstThenDraftsThenClosedWithWhereTheirUnitsAre() {
    String draftLot = unique("D");
    String openLot = unique("O");
    String closedLot = unique("C");
    shop.phones(draftLot, unique("D"), unique("D"));
    String shipped = unique("O");
    shop.phones(openLot, shipped, unique("O"), unique("O"));
    shop.phones(closedLot, unique("C"));
    Shipped sale = shop.ship(shipped);
    JsonNode closed = shop.draft("Old batch", closedLot);
    shop.openCampaign(closed.path("id").asLong());
    shop.closeCampaign(closed.path("id").asLong(), "all units destroyed");
    JsonNode draft = shop.draft("Maybe swelling", draftLot);
    JsonNode open = shop.draft("Battery swelling", openLot);
    shop.openCampaign(open.path("id").asLong());

    FormSession staff = staff();
    var page = staff.get("/recalls?tenant=" + shop.site.tenant);
    assertThat(page.status()).isEqualTo(200);
    String html = page.body();
    int openAt = html.indexOf("data-number=\"" + open.path("number").asString() + "\"");
    int draftAt = html.indexOf("data-number=\"" + draft.path("number").asString() + "\"");
    int closedAt = html.indexOf("data-number=\"" + closed.path("number").asString() + "\"");
    assertThat(openAt).as("the open campaign is listed").isPositive();
    assertThat(draftAt).as("drafts after open campaigns").isGreaterThan(openAt);
    assertThat(closedAt).as("closed campaigns last").isGreaterThan(draftAt);

    String openCard = card(html, open.path("number").asString());
    assertThat(openCard)
        .contains("data-status=\"OPEN\"")
        .contains(shop.sku + ", lot " + openLot)
        .containsPattern(where("IN_STOCK", "In stock", 2))
        .containsPattern(where("AT_CUSTOMER", "At customers", 1))
        .contains("0 of 1 customers contacted")
        .contains("0.0% complete");
    String draftCard = card(html, draft.path("number").asString());
    assertThat(draftCard)
        .contains("data-status=\"DRAFT\"")
        .containsPattern(where("IN_STOCK", "In stock", 2))
        .contains("a preview of what opening would reach")
        .doesNotContain("% complete");
    String closedCard = card(html, closed.path("number").asString());
    assertThat(closedCard)
        .contains("data-status=\"CLOSED\"")
        .containsPattern(where("IN_STOCK", "In stock", 1))
        .contains("all units destroyed")
        .contains("Figures frozen at closing");

    var campaign = staff.get("/recalls/" + open.path("id").asLong());
    assertThat(campaign.status()).isEqualTo(200);
    assertThat(campaign.body())
        .contains("data-customer=\"" + sale.customer() + "\"")
        .contains(sale.channelOrderId())
        .contains("data-test=\"close-form\"");
  }

  @Test
  void aCustomerIsMarkedContactedAndAClosingNeedsASupervisorAndAReason() {
    String lot = unique("K");
    String serial = unique("K");
    String inStock = unique("K");
    shop.phones(lot, serial, inStock);
    Shipped sale = shop.ship(serial);
    long id = shop.draft("Charger overheats", lot).path("id").asLong();

    // an operator sees the draft but neither decision, and cannot take one by posting the form
    FormSession operator = new FormSession(port);
    operator.signIn(shop.site.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    var asOperator = operator.get("/recalls/" + id);
    assertThat(asOperator.status()).isEqualTo(200);
    assertThat(asOperator.body())
        .contains("data-test=\"open-note\"")
        .doesNotContain("data-test=\"open-form\"");
    var refused = operator.post("/recalls/" + id + "/open", Map.of(), Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("data-test=\"answer\"").contains("SUPERVISOR");
    assertThat(shop.campaign(id).path("status").asString()).isEqualTo("DRAFT");
    assertThat(shop.holds(inStock)).isEmpty();

    FormSession supervisor = new FormSession(port);
    supervisor.signIn(shop.site.person(admin, "SUPERVISOR"), Site.PERSON_PASSWORD);
    supervisor.get("/recalls/" + id + "?tenant=" + shop.site.tenant);
    var opened = supervisor.post("/recalls/" + id + "/open", Map.of(), Map.of());
    assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    assertThat(opened.body()).contains(" is open").contains("data-status=\"OPEN\"");
    assertThat(shop.holds(inStock)).containsExactly("RECALL");

    long customer =
        ok(shop.api.get("/api/v1/recalls/" + id + "/customers")).at("/items/0/id").asLong();
    var contacted =
        supervisor.post(
            "/recalls/" + id + "/customers/" + customer + "/contacted", Map.of(), Map.of());
    assertThat(contacted.status()).isEqualTo(200);
    assertThat(contacted.body())
        .contains("Contacted: " + sale.customer())
        .contains("data-contacted=\"true\"")
        .contains("1 of 1 customers contacted")
        .doesNotContain("data-test=\"mark-contacted\"");
    assertThat(
            ok(shop.api.get("/api/v1/recalls/" + id + "/customers"))
                .at("/items/0/contactedAt")
                .isNull())
        .isFalse();

    var noReason = supervisor.post("/recalls/" + id + "/close", fields("reason", "  "), Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body())
        .contains("data-test=\"reason-error\"")
        .contains("aria-invalid=\"true\"");
    assertThat(shop.campaign(id).path("status").asString()).isEqualTo("OPEN");

    var unresolved =
        supervisor.post(
            "/recalls/" + id + "/close", fields("reason", "customer notified"), Map.of());
    assertThat(unresolved.status()).isEqualTo(409);
    assertThat(unresolved.body()).contains("data-test=\"release-error\"");
    var closed =
        supervisor.post(
            "/recalls/" + id + "/close",
            fields("reason", "customer notified", "release", "true"),
            Map.of());
    assertThat(closed.status()).isEqualTo(200);
    assertThat(closed.body())
        .contains(" is closed")
        .contains("data-status=\"CLOSED\"")
        .contains("customer notified")
        .doesNotContain("data-test=\"close-form\"");
    assertThat(shop.holds(inStock)).isEmpty();

    var late =
        supervisor.post(
            "/recalls/" + id + "/customers/" + customer + "/contacted", Map.of(), Map.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.body()).contains("Refused: recall closed");
  }

  @Test
  void theTraceShowsAnAssembledUnitsComponentsItsParentAndALotByWhereItsUnitsAre() {
    String lot = unique("T");
    String cellLot = unique("CL");
    String phone = unique("P");
    String sold = unique("P");
    String cell = unique("C");
    shop.phones(lot, phone, sold);
    shop.cells(cellLot, cell);
    shop.assemble(phone, cell);
    Shipped sale = shop.ship(sold);
    // a second phone whose cell was built in and taken out again
    String repaired = unique("P");
    String removed = unique("C");
    shop.phones(unique("R"), repaired);
    shop.cells(cellLot, removed);
    shop.assemble(repaired, removed);
    ok(
        shop.api.post(
            "/api/v1/disassemblies",
            map("unit", map("gtin", shop.gtin, "serial", repaired), "location", shop.site.bin1)));

    FormSession staff = staff();
    var unit =
        staff.get("/trace?tenant=" + shop.site.tenant + "&gtin=" + shop.gtin + "&serial=" + phone);
    assertThat(unit.status()).isEqualTo(200);
    String components = section(unit.body(), "data-test=\"components\"");
    assertThat(components)
        .contains("data-serial=\"" + cell + "\"")
        .contains("/trace?gtin=" + shop.cellGtin + "&amp;serial=" + cell)
        .contains("lot " + cellLot)
        .contains("CONSUMED");
    assertThat(section(unit.body(), "data-test=\"built-into\"")).contains("Not built into");
    assertThat(unit.body()).contains("/trace?product=" + shop.sku + "&amp;lot=" + lot);

    var afterRepair = staff.get("/trace?gtin=" + shop.gtin + "&serial=" + repaired);
    assertThat(section(afterRepair.body(), "data-test=\"components\""))
        .contains("data-serial=\"" + removed + "\"")
        .contains("taken-out")
        .contains("taken out");
    assertThat(section(unit.body(), "data-test=\"components\"")).doesNotContain("taken out");

    var byScan =
        staff.get("/trace?q=" + FormSession.encode("(01)" + shop.cellGtin + "(21)" + cell));
    assertThat(byScan.status()).isEqualTo(200);
    assertThat(section(byScan.body(), "data-test=\"built-into\""))
        .contains("data-serial=\"" + phone + "\"")
        .contains("/trace?gtin=" + shop.gtin + "&amp;serial=" + phone);

    var byLot = staff.get("/trace?product=" + shop.gtin + "&lot=" + lot);
    assertThat(byLot.status()).isEqualTo(200);
    String inStock = section(byLot.body(), "data-where=\"IN_STOCK\"");
    assertThat(inStock).contains("data-serial=\"" + phone + "\"").contains("at " + shop.site.bin1);
    String atCustomers = section(byLot.body(), "data-where=\"AT_CUSTOMER\"");
    assertThat(atCustomers)
        .contains("data-serial=\"" + sold + "\"")
        .contains("to " + sale.customer())
        .contains(sale.channelOrderId())
        .doesNotContain("data-serial=\"" + phone + "\"");

    var unknownLot = staff.get("/trace?product=" + shop.sku + "&lot=NOPE");
    assertThat(unknownLot.status()).isEqualTo(400);
    assertThat(unknownLot.body()).contains("data-test=\"lot-error\"").contains("has no lot NOPE");
    var notAUnit = staff.get("/trace?q=" + FormSession.encode("(01)" + shop.gtin));
    assertThat(notAUnit.status()).isEqualTo(400);
    assertThat(notAUnit.body()).contains("data-test=\"scan-error\"");
    var noSuchUnit = staff.get("/trace?gtin=" + shop.gtin + "&serial=NOPE");
    assertThat(noSuchUnit.status()).isEqualTo(404);
    assertThat(noSuchUnit.body()).contains("data-test=\"serial-error\"").contains("has no unit");
  }

  @Test
  void staffFindRecallsAndTraceInTheNavigationAndAClientsOwnUserDoesNot() {
    FormSession staff = staff();
    String nav = nav(staff.get("/recalls?tenant=" + shop.site.tenant).body());
    assertThat(nav)
        .containsPattern(tab("recalls", "Recalls", true))
        .containsPattern(tab("trace", "Trace", false));
    assertThat(nav(staff.get("/trace").body()))
        .containsPattern(tab("trace", "Trace", true))
        .doesNotContainPattern(tab("recalls", "Recalls", true));

    String user = unique("client");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                user,
                "password",
                Site.PERSON_PASSWORD,
                "role",
                "CLIENT",
                "tenants",
                list(shop.site.tenant))));
    FormSession client = new FormSession(port);
    client.signIn(user, Site.PERSON_PASSWORD);
    assertThat(nav(client.get("/stock").body()))
        .doesNotContain(">Recalls<")
        .doesNotContain(">Trace<");
  }

  /** A tab of the navigation, marked as the page shown or not. */
  private static Pattern tab(String path, String name, boolean active) {
    return Pattern.compile(
        "<a href=\"/"
            + path
            + "\""
            + (active
                ? "(?=[^>]*class=\"active\")(?=[^>]*aria-current=\"page\")"
                : "(?![^>]*active)")
            + "[^>]*>"
            + name
            + "</a>");
  }

  private FormSession staff() {
    FormSession s = new FormSession(port);
    assertThat(s.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    s.get("/recalls?tenant=" + shop.site.tenant);
    return s;
  }

  private static Map<String, String> fields(String... pairs) {
    return FormSession.fields(pairs);
  }

  private static Pattern where(String key, String label, long units) {
    return Pattern.compile(
        "data-where=\""
            + key
            + "\"><span>"
            + label
            + "</span> <strong class=\"num\">"
            + units
            + "<");
  }

  /** The dashboard card of one campaign. */
  private static String card(String html, String number) {
    int start = html.indexOf("data-number=\"" + number + "\"");
    assertThat(start).as("a card for " + number).isPositive();
    return html.substring(start, html.indexOf("</article>", start));
  }

  /**
   * A fold of a tree, from {@code marker} to the next fold or the end of the panel: enough for a
   * level without nested folds.
   */
  private static String section(String html, String marker) {
    int start = html.indexOf(marker);
    assertThat(start).as(marker + " on the page").isPositive();
    int next = html.indexOf("<details", start);
    int panel = html.indexOf("</section>", start);
    return html.substring(start, next < 0 ? panel : Math.min(next, panel));
  }

  /** The main navigation of a page. */
  private static String nav(String html) {
    int start = html.indexOf("<nav class=\"tabs\"");
    assertThat(start).as("a navigation on the page").isNotNegative();
    return html.substring(start, html.indexOf("</nav>", start));
  }
}
