package io.unitrace.ui;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.OtherBuilding;
import io.unitrace.support.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock page: lines of the client's own stock, filtered by SKU and by location with everything
 * inside it.
 */
class StockPageIT extends IntegrationTest {

  private Site site;
  private FormSession browser;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    assertThat(browser.get("/stock?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void locationFilterTakesInTheLocationsInsideItAndCountsHeldUnits() {
    site.register(site.bin1, unique("A"), unique("A"), unique("A"));
    String held = unique("H");
    site.register(site.bin2, held);
    site.register(site.dock, unique("D"));
    Site.ok(
        site.api.post(site.unitPath(held) + "/holds", map("hold", "QC", "reason", "dented box")));

    var zone = browser.get("/stock?location=" + site.warehouse + "-Z1");

    assertThat(zone.status()).isEqualTo(200);
    assertThat(row(zone.body(), site.bin1))
        .containsExactly(site.bin1, site.sku, "—", "—", "3", "3", "0", "");
    assertThat(row(zone.body(), site.bin2))
        .containsExactly(site.bin2, site.sku, "—", "—", "1", "0 1 held", "1", "");
    assertThat(zone.body()).doesNotContain(site.dock);

    var all = browser.get("/stock");
    assertThat(row(all.body(), site.dock))
        .containsExactly(
            site.dock, site.sku, "—", "—", "1", "0 1 on a dock, not yet put away", "0", "");
  }

  @Test
  void availableSaysWhyUnitsAreNotAvailable() {
    site.register(site.bin1, unique("A"), unique("A"));
    site.register(site.quarantine, unique("Q"));
    Outbound floor = new Outbound(site);
    floor.order(1);

    var page = browser.get("/stock");

    assertThat(row(page.body(), site.bin1).get(5)).isEqualTo("1 1 allocated to orders");
    assertThat(row(page.body(), site.quarantine).get(5)).isEqualTo("0 1 in quarantine");
  }

  @Test
  void countedGoodsOnTheirWayAreSaidToBeAndOfferNoAction() {
    CountedGoods g = CountedGoods.create(admin);
    browser.get("/stock?tenant=" + g.site().tenant);
    OtherBuilding other = OtherBuilding.create(admin);
    String wh = other.warehouse();
    String lot = unique("L");
    Site.ok(g.found(g.saline(), lot, g.site().bin1, 20));
    other.sent(g.site(), List.of(OtherBuilding.leaving(g.saline(), lot, g.site().bin1, 5)));

    var page = browser.get("/stock?sku=" + g.salineSku());

    assertThat(row(page.body(), "TRANSIT:" + wh))
        .containsExactly(
            "TRANSIT:" + wh,
            g.salineSku(),
            lot,
            CountedGoods.EXPIRY,
            "5",
            "0 5 on the way here by a transfer",
            "0",
            "");
    assertThat(row(page.body(), g.site().bin1).get(7)).isEqualTo("Act");
  }

  @Test
  void skuFilterShowsOnlyThatProduct() {
    site.register(site.bin1, unique("A"));

    assertThat(browser.get("/stock?sku=" + site.sku).body())
        .contains("data-test=\"stock\"", site.bin1);
    assertThat(browser.get("/stock?sku=NO-SUCH-SKU").body())
        .contains("data-test=\"no-stock\"")
        .doesNotContain(site.bin1);
  }

  @Test
  void unknownLocationIsNamedNextToTheFieldAndTheFilterIsKept() {
    var page = browser.get("/stock?location=NO-SUCH-BIN&sku=" + site.sku);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.body())
        .contains(
            "data-test=\"location-error\"",
            "no location with code NO-SUCH-BIN",
            "value=\"NO-SUCH-BIN\"",
            "value=\"" + site.sku + "\"");
  }

  @Test
  void anotherClientsStockIsNotShown() {
    Site other = Site.create(admin);
    other.register(other.bin1, unique("X"));

    assertThat(browser.get("/stock").body()).doesNotContain(other.bin1, other.sku);
  }

  /** The cells of the stock row whose location is {@code location}, text only. */
  private static List<String> row(String html, String location) {
    Matcher tr = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(html);
    while (tr.find()) {
      if (tr.group(1).contains(">" + location + "<")) {
        Matcher td = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(tr.group(1));
        List<String> cells = new ArrayList<>();
        while (td.find()) {
          cells.add(td.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip());
        }
        return cells;
      }
    }
    throw new AssertionError("no stock row for " + location + " in\n" + html);
  }
}
