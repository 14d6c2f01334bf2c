package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Warranty in a browser (headless Chromium, 390 px): an end customer on the client's public
 * registration page, without an account, and the client's staff on the warranty lookup, reached by
 * its tab.
 */
class WarrantyBrowserIT extends BrowserTest {

  @Test
  void aBuyerRegistersOnThePublicPageASecondPartyIsToldNothingAndStaffSeeBothFlagged()
      throws IOException {
    Site site = withWarranty(Site.create(admin));
    String sn = expected(site);
    String bought = LocalDate.now(ZoneOffset.UTC).minusDays(10).toString();

    driver.get(url("/public/" + site.tenant + "/warranty"));
    assertThat(driver.findElements(By.cssSelector("nav.tabs"))).as("nobody signed in").isEmpty();
    fill(site.gtin, sn, bought, "Pia Buyer", "pia@example.com");
    WebElement thanks = registered();
    assertThat(thanks.getText()).contains("Thank you", "Purchase date: " + bought);
    String first = thanks.findElement(By.cssSelector("[data-test=reference]")).getText();
    assertThat(first).startsWith("WR-");
    assertThat(driver.findElements(By.id("serial"))).as("the form is done with").isEmpty();
    assertNoSidewaysScrolling();
    saveScreenshot("ui-warranty-registered.png");

    // another person registers the same serial: a reference of their own, and not a word of Pia
    driver.get(url("/public/" + site.tenant + "/warranty"));
    fill(site.gtin, sn, bought, "Quinn Other", "quinn@example.com");
    WebElement second = registered();
    String secondRef = second.findElement(By.cssSelector("[data-test=reference]")).getText();
    assertThat(secondRef).startsWith("WR-").isNotEqualTo(first);
    assertThat(driver.getPageSource()).doesNotContain("pia@example.com").doesNotContain("Pia");
    assertThat(driver.findElements(By.cssSelector("[data-test=error]"))).isEmpty();

    // a GTIN with a wrong check digit: the field is named, the form keeps what was typed
    driver.get(url("/public/" + site.tenant + "/warranty"));
    String wrongGtin = wrongCheckDigit(site.gtin);
    fill(wrongGtin, sn, bought, "Rui Typo", "rui@example.com");
    WebElement error =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=error]")));
    assertThat(error.findElement(By.cssSelector("[data-test=error-field]")).getText())
        .isEqualTo("gtin");
    assertThat(driver.findElements(By.cssSelector("[data-test=registered]"))).isEmpty();
    assertThat(driver.findElement(By.id("gtin")).getAttribute("value")).isEqualTo(wrongGtin);
    assertThat(driver.findElement(By.id("email")).getAttribute("value"))
        .isEqualTo("rui@example.com");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-warranty-register-error.png");

    // the client's staff see both registrations, flagged, and the typo wrote nothing
    signIn();
    driver.get(url("/warranty?tenant=" + site.tenant));
    WebElement card = lookUp("(01)" + site.gtin + "(21)" + sn);
    assertThat(card.findElement(By.cssSelector("[data-test=flagged]")).getText())
        .isEqualTo("Registration flagged");
    WebElement registrations = driver.findElement(By.cssSelector("[data-test=registrations]"));
    assertThat(registrations.getText())
        .contains(first, secondRef, "pia@example.com", "quinn@example.com", "PAGE")
        .doesNotContain("rui@example.com");
    assertThat(registrations.findElements(By.cssSelector("[data-test=flag]")))
        .extracting(WebElement::getText)
        .containsExactly("registered-by-another-party", "registered-by-another-party");
    // neither party is believed over the other: no warranty starts from either
    assertThat(card.findElement(By.cssSelector("[data-test=status]")).getText())
        .isEqualTo("UNKNOWN");
  }

  @Test
  void staffOpenWarrantyFromItsTabAndScanUnitOneAfterAnother() throws IOException {
    Site site = withWarranty(Site.create(admin));
    String sn = expected(site);
    String bought = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
    Api.Response r =
        Api.anonymous(port)
            .post(
                "/api/v1/public/" + site.tenant + "/warranty-registrations",
                map(
                    "gtin",
                    site.gtin,
                    "serial",
                    sn,
                    "purchaseDate",
                    bought,
                    "contact",
                    map("name", "Sam Buyer", "email", "sam@example.com")));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);

    signIn();
    driver.get(url("/returns?tenant=" + site.tenant));
    // Returns is a scan screen: its links are in the slim header's menu.
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=menu-button]")))
        .click();
    WebElement tab =
        until.until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector("nav.tabs a[href='/warranty']")));
    assertThat(tab.getText()).isEqualTo("Warranty");
    assertThat(tab.getAttribute("aria-current")).isNull();
    tab.click();
    until.until(ExpectedConditions.urlContains("/warranty"));
    assertThat(driver.findElement(By.cssSelector("nav.tabs a[aria-current=page]")).getText())
        .isEqualTo("Warranty");
    assertThat(activeId()).as("ready for the first scan").isEqualTo("q");

    WebElement card = lookUp("(01)" + site.gtin + "(21)" + sn);
    assertThat(card.findElement(By.cssSelector("[data-test=status]")).getText())
        .isEqualTo("ACTIVE");
    assertThat(card.findElement(By.cssSelector("[data-test=start]")).getText()).isEqualTo(bought);
    assertThat(card.findElement(By.cssSelector("[data-test=end]")).getText())
        .isEqualTo(LocalDate.parse(bought).plusMonths(12).toString());
    assertThat(card.findElement(By.cssSelector("[data-test=terms]")).getText())
        .contains("12 months from the registered purchase date");
    assertThat(card.findElements(By.cssSelector("[data-test=flagged]"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-test=registrations]")).getText())
        .contains(r.at("/reference").asString(), "sam@example.com", "API");
    assertInView(card.findElement(By.cssSelector("[data-test=status]")), "the warranty status");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-warranty-lookup.png");

    // the next scan follows in the same field: a serial the client does not have
    String unknown = unique("SN");
    WebElement problem = lookUpProblem("(01)" + site.gtin + "(21)" + unknown);
    assertThat(problem.getText()).contains(unknown);
    assertThat(driver.findElements(By.cssSelector("[data-test=warranty-card]"))).isEmpty();
  }

  /** The site's product with 12 months of warranty from the ship or purchase date. */
  private static Site withWarranty(Site site) {
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
    return site;
  }

  /** A unit of the site's product the client announced (sold by a reseller, never in our hands). */
  private String expected(Site site) {
    String sn = unique("SN");
    ok(
        site.api.post(
            "/api/v1/units",
            map("expected", true, "units", list(map("gtin", site.gtin, "serial", sn)))));
    return sn;
  }

  private void fill(String gtin, String serial, String purchaseDate, String name, String email) {
    WebElement gtinField =
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("gtin")));
    gtinField.clear();
    gtinField.sendKeys(gtin);
    driver.findElement(By.id("serial")).clear();
    driver.findElement(By.id("serial")).sendKeys(serial);
    // A date input takes keys in the browser's locale; its value is always yyyy-MM-dd.
    driver.executeScript(
        "arguments[0].value = arguments[1];",
        driver.findElement(By.id("purchaseDate")),
        purchaseDate);
    driver.findElement(By.id("name")).clear();
    driver.findElement(By.id("name")).sendKeys(name);
    driver.findElement(By.id("email")).clear();
    driver.findElement(By.id("email")).sendKeys(email);
    driver.findElement(By.cssSelector("form button[type=submit]")).click();
  }

  private WebElement registered() {
    return until.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=registered]")));
  }

  private WebElement lookUp(String scan) {
    WebElement q = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
    q.clear();
    q.sendKeys(scan, Keys.ENTER);
    until.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-test=scanned]"), scan));
    return until.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=warranty-card]")));
  }

  private WebElement lookUpProblem(String scan) {
    WebElement q = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
    q.clear();
    q.sendKeys(scan, Keys.ENTER);
    until.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-test=scanned]"), scan));
    return until.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=problem]")));
  }

  /** The GTIN with its check digit changed: well-formed, but no GTIN. */
  private static String wrongCheckDigit(String gtin) {
    char last = gtin.charAt(gtin.length() - 1);
    char other = last == '9' ? '0' : (char) (last + 1);
    return gtin.substring(0, gtin.length() - 1) + other;
  }
}
