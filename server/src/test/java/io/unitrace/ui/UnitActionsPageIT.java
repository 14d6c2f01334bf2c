package io.unitrace.ui;

import static io.unitrace.support.Api.map;
import static io.unitrace.ui.FormSession.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acting on a unit from its card over plain HTTP: each form goes through the ledger's unit book,
 * answers on the card, and a refusal (a missing reason, a role that may not) writes nothing.
 */
class UnitActionsPageIT extends IntegrationTest {

  private Site site;
  private String serial;

  @BeforeEach
  void aUnitOnSuspectHold() {
    site = Site.create(admin);
    serial = unique("SN");
    site.register(site.bin1, serial);
    Site.ok(
        site.api.post(
            site.unitPath(serial) + "/holds",
            map("hold", "SUSPECT", "reason", "serial seen twice")));
  }

  @Test
  void supervisorReleasesASuspectHoldOnceEvenWhenTheFormIsPostedTwice() {
    FormSession browser = signedIn("admin", ADMIN_PASSWORD);
    var card = card(browser);
    assertThat(card.body()).contains("data-test=\"release-form\"", "data-test=\"hold-form\"");
    String key = FormSession.key();

    var answer =
        browser.post(
            "/units/release",
            form("hold", "SUSPECT", "reason", "checked: genuine", "key", key),
            Map.of());
    var again =
        browser.post(
            "/units/release",
            form("hold", "SUSPECT", "reason", "checked: genuine", "key", key),
            Map.of());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .contains("data-outcome=\"done\"", "Done: SUSPECT hold released", "data-test=\"unit-card\"")
        .contains("class=\"event-type\">Hold released<", "checked: genuine")
        .doesNotContain("data-test=\"hold\">SUSPECT hold<");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).contains("nothing new recorded");
    assertThat(events()).as("registered, held, released: once").isEqualTo(3);
  }

  @Test
  void releaseWithoutAReasonIsRefusedAndWritesNothing() {
    FormSession browser = signedIn("admin", ADMIN_PASSWORD);
    card(browser);

    var answer =
        browser.post(
            "/units/release",
            form("hold", "SUSPECT", "reason", " ", "key", FormSession.key()),
            Map.of());

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body())
        .contains("data-outcome=\"refused\"", "Refused: reason missing or wrong", "say why")
        .contains("data-test=\"unit-card\"");
    assertThat(site.api.get(site.unitPath(serial)).at("/holds").toString()).contains("SUSPECT");
    assertThat(events()).isEqualTo(2);
  }

  @Test
  void supervisorMovesReportsLostAndRecordsFound() {
    FormSession browser = signedIn("admin", ADMIN_PASSWORD);
    card(browser);

    var unknown =
        browser.post(
            "/units/move", form("location", "NO-SUCH-BIN", "key", FormSession.key()), Map.of());
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.body())
        .contains("Refused: unknown location", "no location with code NO-SUCH-BIN");
    assertThat(events()).isEqualTo(2);

    var moved =
        browser.post(
            "/units/move", form("location", site.bin2, "key", FormSession.key()), Map.of());
    assertThat(moved.body()).contains("Done: Moved to " + site.bin2);
    var lost =
        browser.post(
            "/units/lost",
            form("reason", "not in its bin at the count", "key", FormSession.key()),
            Map.of());
    assertThat(lost.body())
        .contains("Done: Reported lost", ">MISSING<", "data-test=\"found-form\"");
    var found =
        browser.post(
            "/units/found",
            form("location", site.bin1, "reason", "behind the shelf", "key", FormSession.key()),
            Map.of());
    assertThat(found.body()).contains("Done: Found at " + site.bin1, "class=\"event-type\">Found<");

    var unit = site.api.get(site.unitPath(serial));
    assertThat(unit.at("/state").asString()).isEqualTo("STORED");
    assertThat(unit.at("/location").asString()).isEqualTo(site.bin1);
  }

  @Test
  void anOperatorHoldsButMayNotReleaseAndAClientUserSeesNoActions() {
    FormSession operator = signedIn(site.person(admin, "OPERATOR"), Site.PERSON_PASSWORD);
    var card = card(operator);
    assertThat(card.body())
        .contains("data-test=\"hold-form\"", "data-test=\"move-form\"")
        .doesNotContain("data-test=\"release-form\"", "data-test=\"lost-form\"");

    var refused =
        operator.post(
            "/units/release",
            form("hold", "SUSPECT", "reason", "looks fine", "key", FormSession.key()),
            Map.of());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Refused: not allowed for you", "SUPERVISOR");
    var held =
        operator.post(
            "/units/hold",
            form("hold", "QC", "reason", "dented box", "key", FormSession.key()),
            Map.of());
    assertThat(held.body()).contains("Done: QC hold placed");

    FormSession client = signedIn(site.person(admin, "CLIENT"), Site.PERSON_PASSWORD);
    assertThat(card(client).body())
        .contains("data-test=\"unit-card\"")
        .doesNotContain("data-test=\"unit-actions\"");
    var clientHold =
        client.post(
            "/units/hold",
            form("hold", "DAMAGED", "reason", "x", "key", FormSession.key()),
            Map.of());
    assertThat(clientHold.status()).isEqualTo(403);

    assertThat(site.api.get(site.unitPath(serial)).at("/holds").toString())
        .contains("SUSPECT", "QC")
        .doesNotContain("DAMAGED");
    assertThat(events()).isEqualTo(3);
  }

  private FormSession signedIn(String user, String password) {
    FormSession browser = new FormSession(port);
    browser.signIn(user, password);
    return browser;
  }

  private FormSession.Page card(FormSession browser) {
    var page =
        browser.get(
            "/units/lookup?tenant=" + site.tenant + "&gtin=" + site.gtin + "&serial=" + serial);
    assertThat(page.status()).isEqualTo(200);
    return page;
  }

  private Map<String, String> form(String... pairs) {
    Map<String, String> f = fields("gtin", site.gtin, "serial", serial);
    f.putAll(fields(pairs));
    return f;
  }

  private int events() {
    return site.api.get(site.unitPath(serial) + "/history").at("/items").size();
  }
}
