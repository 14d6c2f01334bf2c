package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Site;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The lookup as a person with a handheld uses it: headless Chromium at a phone's width (390 px),
 * signed in through the form, scanning one code after another into the same field.
 *
 * <p>The browser and its driver come from the system (Debian's chromium and chromedriver), never
 * downloaded: the build runs without network.
 */
class UnitLookupBrowserIT extends BrowserTest {

  @Test
  void operatorScansUnitsOneAfterAnotherAndSeesEachCardWithItsHistory() throws IOException {
    Site site = Site.create(admin);
    String scanned = unique("SN");
    String typed = unique("SN");
    site.register(site.dock, scanned, typed);
    Site.ok(
        site.api.post(
            site.unitPath(scanned) + "/move",
            map(
                "location",
                site.bin1,
                "device",
                "handheld-12",
                "scan",
                "]d201" + site.gtin + "21" + scanned)));
    Site.ok(
        site.api.post(
            site.unitPath(scanned) + "/holds", map("hold", "QC", "reason", "seal broken")));

    signIn();
    driver.get(url("/units/lookup?tenant=" + site.tenant));
    assertThat(driver.findElements(By.cssSelector(".choose-client")))
        .as("the client is picked")
        .isEmpty();

    // A GS1 scan, as a scanner in bracketed mode sends it, ending with Enter.
    scan("(01)" + site.gtin + "(21)" + scanned);
    WebElement card = waitForCard(scanned);
    assertThat(card.findElement(By.cssSelector("[data-test=state]")).getText()).isEqualTo("STORED");
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText())
        .isEqualTo(site.bin1);
    assertThat(card.findElement(By.cssSelector("[data-test=gtin]")).getText()).isEqualTo(site.gtin);
    assertThat(card.findElements(By.cssSelector("[data-test=hold]")))
        .extracting(WebElement::getText)
        .containsExactly("QC hold");
    List<WebElement> events = driver.findElements(By.cssSelector("[data-test=history] li.event"));
    assertThat(events)
        .extracting(e -> e.findElement(By.className("event-type")).getText())
        .containsExactly("Hold placed", "Moved", "Registered");
    WebElement move = events.get(1);
    assertThat(move.getText())
        .contains("handheld-12", "user:admin", site.bin1, "]d201" + site.gtin);
    assertThat(move.findElement(By.tagName("time")).getText())
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d");
    assertThat(events.get(0).getText()).contains("seal broken");

    // htmx swapped the result in: the field is empty and still focused for the next scan, the URL
    // can be shared.
    WebElement field = driver.findElement(By.id("q"));
    assertThat(field.getAttribute("value")).isEmpty();
    assertThat(driver.switchTo().activeElement()).isEqualTo(field);
    assertThat(driver.getCurrentUrl()).contains("/units/lookup?q=");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-lookup.png");

    // A serial typed by hand into the same field.
    scan(typed);
    card = waitForCard(typed);
    assertThat(card.findElement(By.cssSelector("[data-test=state]")).getText())
        .isEqualTo("RECEIVED");
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText())
        .isEqualTo(site.dock);
    assertThat(driver.findElements(By.cssSelector("[data-test=history] li.event"))).hasSize(1);

    // A serial nobody registered.
    String unknown = unique("NOPE");
    scan(unknown);
    WebElement notFound = waitForResult("[data-test=not-found]", unknown);
    assertThat(notFound.getText())
        .contains("Unit not found", "No unit of client " + site.tenant, unknown);
    assertThat(driver.findElements(By.cssSelector("[data-test=unit-card]"))).isEmpty();

    // A damaged label: the GTIN's check digit is wrong.
    String wrong = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);
    scan("(01)" + wrong + "(21)" + scanned);
    WebElement unreadable = waitForResult("[data-test=unreadable]", "check-digit");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-ai]")).getText())
        .isEqualTo("(01)");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-code]")).getText())
        .isEqualTo("check-digit");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-position]")).getText())
        .matches("\\d+");
    assertThat(unreadable.findElement(By.tagName("mark")).getText()).isNotEmpty();
    assertThat(driver.switchTo().activeElement()).isEqualTo(driver.findElement(By.id("q")));
    assertNoSidewaysScrolling();
    saveScreenshot("ui-gs1-error.png");
  }

  @Test
  void severalUnitsWithTheSameSerialAreOfferedAndTheChosenOneIsShown() throws IOException {
    Site site = Site.create(admin);
    String serial = unique("SN");
    String otherGtin = Site.randomGtin();
    Site.ok(
        site.api.post(
            "/api/v1/products",
            map(
                "sku",
                unique("SKU"),
                "name",
                "Charger",
                "gtins",
                list(otherGtin),
                "tracking",
                "SERIAL")));
    site.register(site.bin1, serial);
    Site.ok(
        site.api.post(
            "/api/v1/units",
            map("location", site.bin2, "units", list(map("gtin", otherGtin, "serial", serial)))));

    signIn();
    driver.get(url("/units/lookup?tenant=" + site.tenant));
    scan(serial);
    WebElement choices = waitForResult("[data-test=choices]", serial);
    List<WebElement> links = choices.findElements(By.cssSelector("ul.choices a"));
    assertThat(links).hasSize(2);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-choices.png");

    links.stream().filter(a -> a.getText().contains("Charger")).findFirst().orElseThrow().click();
    WebElement card = waitForCard(serial);
    assertThat(card.findElement(By.cssSelector("[data-test=gtin]")).getText()).isEqualTo(otherGtin);
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText())
        .isEqualTo(site.bin2);
  }

  @Test
  void stockAndSignInPagesFitAPhoneScreen() throws IOException {
    Site site = Site.create(admin);
    site.register(site.bin1, unique("SN"), unique("SN"));

    driver.get(url("/login"));
    assertNoSidewaysScrolling();
    saveScreenshot("ui-signin.png");
    signIn();
    driver.get(url("/stock?tenant=" + site.tenant));
    WebElement table =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=stock]")));
    assertThat(table.getText()).contains(site.bin1, site.sku);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-stock.png");
  }

  /** Types into the scan field and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    WebElement field = driver.findElement(By.id("q"));
    field.sendKeys(text);
    field.sendKeys(Keys.ENTER);
  }

  private WebElement waitForCard(String serial) {
    until.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-test=unit-card] [data-test=serial]"), serial));
    return driver.findElement(By.cssSelector("[data-test=unit-card]"));
  }

  /**
   * Waits until the result shows {@code selector} with {@code text}: the previous result is gone.
   */
  private WebElement waitForResult(String selector, String text) {
    until.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
    return driver.findElement(By.cssSelector(selector));
  }
}
