package io.unitrace.ui;

import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.CountedGoods;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Counted goods acted on from the stock screen over plain HTTP: hold, release, move and correct a
 * lot's quantity through the stock book; a refusal (no reason, a role that may not) writes nothing.
 */
class StockActionsPageIT extends IntegrationTest {

  private CountedGoods goods;
  private Site site;

  @BeforeEach
  void tenOfALotInABin() {
    goods = CountedGoods.create(admin);
    site = goods.site();
    Site.ok(goods.found(goods.saline(), "L1", site.bin1, 10));
  }

  @Test
  void supervisorHoldsReleasesMovesAndCorrectsALotsQuantity() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);
    var list = browser.get("/stock?tenant=" + site.tenant);
    assertThat(list.body())
        .contains("/stock/act?sku=" + goods.salineSku() + "&amp;lot=L1&amp;location=" + site.bin1);
    var page = browser.get("/stock/act?sku=" + goods.salineSku() + "&lot=L1&location=" + site.bin1);
    assertThat(page.body())
        .contains(
            "data-test=\"hold-form\"", "data-test=\"release-form\"", "data-test=\"adjust-form\"");
    String key = FormSession.key();

    var held =
        browser.post(
            "/stock/act/hold",
            form("quantity", "3", "hold", "QC", "reason", "leaking bags", "key", key),
            Map.of());
    var twice =
        browser.post(
            "/stock/act/hold",
            form("quantity", "3", "hold", "QC", "reason", "leaking bags", "key", key),
            Map.of());
    assertThat(held.status()).isEqualTo(200);
    assertThat(held.body())
        .contains(
            "Done: 3 put on QC hold",
            "data-test=\"available\">7<",
            "data-test=\"held\">3<",
            "3 held");
    assertThat(twice.body()).contains("nothing new recorded", "data-test=\"held\">3<");

    var noReason =
        browser.post(
            "/stock/act/release",
            form("quantity", "3", "hold", "QC", "reason", "", "key", FormSession.key()),
            Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body())
        .contains("data-outcome=\"refused\"", "say why", "data-test=\"held\">3<");

    var released =
        browser.post(
            "/stock/act/release",
            form(
                "quantity", "2", "hold", "QC", "reason", "only two leak", "key", FormSession.key()),
            Map.of());
    assertThat(released.body()).contains("Done: 2 released from QC hold", "data-test=\"held\">1<");
    var moved =
        browser.post(
            "/stock/act/move",
            form("quantity", "4", "to", site.bin2, "bucket", "", "key", FormSession.key()),
            Map.of());
    assertThat(moved.body()).contains("Done: Moved 4 to " + site.bin2, "data-test=\"quantity\">6<");
    var lost =
        browser.post(
            "/stock/act/adjust",
            form("kind", "LOST", "quantity", "1", "reason", "bag burst", "key", FormSession.key()),
            Map.of());
    assertThat(lost.body()).contains("Done: 1 reported lost", "data-test=\"quantity\">5<");

    assertThat(goods.stock(goods.salineSku(), site.bin1)).isEqualTo(5);
    assertThat(goods.stock(goods.salineSku(), site.bin2)).isEqualTo(4);
  }

  @Test
  void anOperatorMayHoldButNotCorrectAndAClientUserMayDoNeither() {
    FormSession operator = new FormSession(port);
    operator.signIn(site.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    var page =
        operator.get("/stock/act?sku=" + goods.salineSku() + "&lot=L1&location=" + site.bin1);
    assertThat(page.body())
        .contains("data-test=\"hold-form\"")
        .doesNotContain("data-test=\"adjust-form\"");

    var adjusted =
        operator.post(
            "/stock/act/adjust",
            form("kind", "FOUND", "quantity", "5", "reason", "extra", "key", FormSession.key()),
            Map.of());
    assertThat(adjusted.status()).isEqualTo(403);
    assertThat(adjusted.body()).contains("Refused: not allowed for you");

    FormSession client = new FormSession(port);
    client.signIn(site.person(admin, "CLIENT"), Site.PERSON_PASSWORD);
    assertThat(
            client
                .get("/stock/act?sku=" + goods.salineSku() + "&lot=L1&location=" + site.bin1)
                .body())
        .contains("data-test=\"read-only\"")
        .doesNotContain("data-test=\"stock-actions\"");
    var moved =
        client.post(
            "/stock/act/move",
            form("quantity", "1", "to", site.bin2, "key", FormSession.key()),
            Map.of());
    assertThat(moved.status()).isEqualTo(403);

    assertThat(goods.stock(goods.salineSku(), site.bin1)).isEqualTo(10);
    assertThat(goods.stock(goods.salineSku(), site.bin2)).isZero();
  }

  private Map<String, String> form(String... pairs) {
    Map<String, String> f = fields("sku", goods.salineSku(), "lot", "L1", "location", site.bin1);
    f.putAll(fields(pairs));
    return f;
  }
}
