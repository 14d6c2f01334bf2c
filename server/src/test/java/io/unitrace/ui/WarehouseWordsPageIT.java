package io.unitrace.ui;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static io.unitrace.ui.FormSession.encode;
import static io.unitrace.ui.FormSession.fields;
import static io.unitrace.ui.FormSession.htmx;
import static io.unitrace.ui.FormSession.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The screens speak the warehouse's words, the standard term a tap away: a barcode the parser
 * refuses is "could not be read", not "AI at position 0"; a held unit's history says "not for
 * sale", not the CBV disposition.
 */
class WarehouseWordsPageIT extends IntegrationTest {

  private Site site;
  private FormSession handheld;

  @BeforeEach
  void signedInAtASite() {
    site = Site.create(admin);
    handheld = new FormSession(port);
    assertThat(handheld.signIn("admin", ADMIN_PASSWORD).status()).isEqualTo(302);
    assertThat(handheld.get("/receiving?tenant=" + site.tenant).status()).isEqualTo(200);
  }

  @Test
  void anUnreadableScanAtReceivingSaysSoPlainlyAndKeepsTheParserDetailOnDemand() {
    long receipt = ok(site.api.post("/api/v1/receipts", map("dock", site.dock))).at("/id").asLong();

    var refused =
        handheld.post(
            "/receiving/" + receipt + "/scans", fields("scan", unique("SN"), "key", key()), htmx());

    assertThat(refused.status()).isEqualTo(400);
    String message = between(refused.body(), "data-test=\"answer-message\">", "<");
    assertThat(message)
        .startsWith("This barcode could not be read:")
        .doesNotContain("AI", "position", "GS1 data");
    String detail = between(refused.body(), "data-test=\"standard-term\">", "</details>");
    assertThat(detail)
        .contains(
            "<summary", "Technical detail", "not valid GS1 data", "expected an AI at position 0");
  }

  @Test
  void aHeldUnitsHistorySaysNotForSaleWithTheCbvTermBehindIt() {
    String serial = unique("SN");
    site.register(site.bin1, serial);
    ok(site.api.post(site.unitPath(serial) + "/holds", map("hold", "QC", "reason", "scratched")));

    var card = handheld.get("/units/lookup?q=" + encode("(01)" + site.gtin + "(21)" + serial));

    assertThat(card.status()).isEqualTo(200);
    String held = between(card.body(), "data-type=\"hold_placed\"", "</li>");
    String step = between(held, "data-test=\"cbv\">", "</dd>");
    assertThat(step)
        .contains(">hold<", ">not for sale<", "CBV disposition non_sellable_other", "<details")
        .doesNotContain(">non_sellable_other<");
  }

  private static String between(String text, String from, String to) {
    int start = text.indexOf(from);
    assertThat(start).as("%s in the page", from).isNotNegative();
    int end = text.indexOf(to, start + from.length());
    return text.substring(start + from.length(), end < 0 ? text.length() : end);
  }
}
