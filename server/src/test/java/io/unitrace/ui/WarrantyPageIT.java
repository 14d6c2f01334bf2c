package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public warranty registration page, used without signing in, and the warranty lookup screen
 * that shows the registration to the client's staff, a tab of the navigation next to Returns.
 */
class WarrantyPageIT extends IntegrationTest {

  /** The navigation's Warranty tab, marked as the page shown. */
  static final Pattern WARRANTY_TAB_ACTIVE =
      Pattern.compile(
          "<a href=\"/warranty\"(?=[^>]*class=\"active\")(?=[^>]*aria-current=\"page\")[^>]*>Warranty</a>");

  static final Pattern WARRANTY_TAB = Pattern.compile("<a href=\"/warranty\"[^>]*>Warranty</a>");

  @Test
  void everyoneSignedInFindsWarrantyNextToReturnsAndTheBuyerSeesNoNavigation() {
    Site site = Site.create(admin);
    String user = unique("clerk");
    ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                user,
                "displayName",
                "Client user",
                "password",
                "client-password-1",
                "role",
                "CLIENT",
                "tenants",
                list(site.tenant))));
    // the least of the roles sees the tab, as it sees every other
    FormSession client = new FormSession(port);
    assertThat(client.signIn(user, "client-password-1").status()).isEqualTo(302);
    var returns = client.get("/returns");
    assertThat(returns.status()).isEqualTo(200);
    String nav = nav(returns.body());
    assertThat(nav).containsPattern(WARRANTY_TAB).doesNotContainPattern(WARRANTY_TAB_ACTIVE);
    assertThat(nav.indexOf(">Warranty</a>"))
        .as("Warranty right after Returns")
        .isGreaterThan(nav.indexOf(">Returns</a>"))
        .isLessThan(nav.indexOf(">Stock</a>"));

    var warranty = client.get("/warranty");
    assertThat(warranty.status()).isEqualTo(200);
    assertThat(nav(warranty.body())).containsPattern(WARRANTY_TAB_ACTIVE);
    assertThat(nav(warranty.body()))
        .doesNotContainPattern(Pattern.compile("<a href=\"/returns\"[^>]*aria-current"));

    FormSession staff = new FormSession(port);
    staff.signIn("admin", ADMIN_PASSWORD);
    assertThat(nav(staff.get("/warranty?tenant=" + site.tenant).body()))
        .containsPattern(WARRANTY_TAB_ACTIVE);

    // the public registration page has no navigation: nobody is signed in there
    var page = new FormSession(port).get("/public/" + site.tenant + "/warranty");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("class=\"tabs\"").doesNotContainPattern(WARRANTY_TAB);
  }

  /** The main navigation of a page. */
  private static String nav(String html) {
    int start = html.indexOf("<nav class=\"tabs\"");
    assertThat(start).as("a navigation on the page").isNotNegative();
    return html.substring(start, html.indexOf("</nav>", start));
  }

  @Test
  void aBuyerRegistersOnThePublicPageAndStaffSeeTheWarrantyItStarted() {
    Site site = Site.create(admin);
    ok(
        site.api.put(
            "/api/v1/products/" + site.sku,
            map(
                "sku",
                site.sku,
                "name",
                "Phone",
                "gtins",
                list(site.gtin),
                "tracking",
                "SERIAL",
                "warrantyMonths",
                12)));
    String sn = unique("SN");
    ok(
        site.api.post(
            "/api/v1/units",
            map("expected", true, "units", list(map("gtin", site.gtin, "serial", sn)))));
    String bought = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();

    FormSession buyer = new FormSession(port);
    var form = buyer.get("/public/" + site.tenant + "/warranty");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("Register your warranty").doesNotContain("Sign out");

    Map<String, String> fields =
        FormSession.fields(
            "gtin",
            site.gtin,
            "serial",
            sn,
            "purchaseDate",
            "10/10/2025",
            "name",
            "Pia",
            "email",
            "pia@example.com",
            "_csrf",
            form.csrf());
    var wrong = buyer.postForm("/public/" + site.tenant + "/warranty", fields);
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body()).contains("data-test=\"error-field\">purchaseDate<");

    fields.put("purchaseDate", bought);
    fields.put("_csrf", wrong.csrf());
    var done = buyer.postForm("/public/" + site.tenant + "/warranty", fields);
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body()).contains("data-test=\"reference\">WR-");

    FormSession staff = new FormSession(port);
    staff.signIn("admin", ADMIN_PASSWORD);
    var card =
        staff.get(
            "/warranty?tenant="
                + site.tenant
                + "&q="
                + FormSession.encode("(01)" + site.gtin + "(21)" + sn));
    assertThat(card.status()).isEqualTo(200);
    assertThat(card.body())
        .contains("data-test=\"status\">ACTIVE<")
        .contains("12 months from the registered purchase date")
        .contains("pia@example.com")
        .contains("data-test=\"start\">" + bought + "<");
    var unknown =
        staff.get(
            "/warranty?tenant="
                + site.tenant
                + "&q="
                + FormSession.encode("(01)" + site.gtin + "(21)" + unique("SN")));
    assertThat(unknown.body()).contains("data-test=\"problem\"");
  }
}
