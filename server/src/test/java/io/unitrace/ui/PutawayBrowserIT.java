package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
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
 * Putaway as a clerk does it with a handheld: headless Chromium at a phone's width (390 px), units
 * received on the dock (registered there through the API), then scan the unit, read where it
 * should go, scan the bin; every scan typed into the one field and ended with Enter, as a
 * keyboard-wedge scanner sends it. The browser and its driver are the system's (Debian's chromium
 * and chromedriver), never downloaded.
 */
class PutawayBrowserIT extends BrowserTest {

  @Test
  void clerkScansAUnitSeesWhereItGoesScansTheBinAndTheFocusStaysInTheField() throws IOException {
    Site site = Site.create(admin);
    ok(site.api.put("/api/v1/products/" + site.sku, map("sku", site.sku, "name", "Phone", "gtins", list(site.gtin), "tracking", "SERIAL",
        "fixedBin", site.bin2)));
    String first = unique("SN");
    String second = unique("SN");
    String stored = unique("SN");
    site.register(site.dock, first, second);
    site.register(site.bin1, stored);

    signIn();
    driver.get(url("/putaway?tenant=" + site.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertNoSidewaysScrolling();

    // Step 1: the unit. What it is, and the fixed bin suggested first, highlighted.
    scan("(01)" + site.gtin + "(21)" + first);
    WebElement answer = answer("GOODS", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    until.until(d -> "2".equals(step()));
    WebElement card = driver.findElement(By.cssSelector("[data-test=goods-card]"));
    assertThat(card.getText()).contains(site.sku, first, site.dock);
    List<WebElement> suggested = driver.findElements(By.cssSelector("[data-test=suggestions] li"));
    assertThat(suggested).hasSizeGreaterThanOrEqualTo(2);
    assertThat(suggested.get(0).getAttribute("class")).contains("first");
    assertThat(suggested.get(0).getText()).contains(site.bin2, "Fixed bin");
    assertThat(suggested.get(0).getCssValue("border-top-width")).as("the first suggestion stands out").isEqualTo("3px");
    assertThat(driver.findElement(By.cssSelector("label[for=scan]")).getText()).contains("Scan the location");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-suggestion.png");

    // Step 2: the bin. Confirmed, and back to step 1.
    scan(site.bin2);
    answer = answer("PUT_AWAY", site.bin2);
    assertThat(answer.getText()).containsIgnoringCase("Put away to " + site.bin2).contains("As suggested.");
    until.until(d -> "1".equals(step()));
    assertThat(driver.findElements(By.cssSelector("[data-test=goods-card]"))).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(first))).at("/location").asString()).isEqualTo(site.bin2);
    assertThat(ok(site.api.get(site.unitPath(first))).at("/state").asString()).isEqualTo("STORED");
    saveScreenshot("ui-putaway-done.png");

    // A unit already stored: refused loudly, the screen stays at step 1.
    scan("(01)" + site.gtin + "(21)" + stored);
    answer = answer("REFUSED", "(01)" + site.gtin + "(21)" + stored);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud");
    assertThat(answer.getText()).containsIgnoringCase("Not on a dock").contains("STORED at " + site.bin1);
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).isEqualTo("scan");

    // The second unit, then a quarantine location: wrong type, loud, the unit stays on screen for another scan.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.quarantine);
    answer = answer("REFUSED", site.quarantine);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText()).containsIgnoringCase("Wrong location type").contains("putaway goes to a STORAGE location");
    assertThat(step()).isEqualTo("2");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-refused.png");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.dock);

    // Escape: back to step 1, nothing moved.
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    until.until(d -> "1".equals(step()));
    answer("CANCELLED", null);
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.dock);

    // Scanned again, put away to a bin that is not the suggestion: taken, and said so.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.bin1);
    answer = answer("PUT_AWAY", site.bin1);
    assertThat(answer.getText()).contains("Not the suggestion");
    until.until(d -> "1".equals(step()));
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.bin1);
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  /** Waits for the answer to {@code scanned} (none: an answer without a scan) with {@code outcome}. */
  private WebElement answer(String outcome, String scanned) {
    until.until(d -> {
      List<WebElement> shown = d.findElements(By.cssSelector("#answer [data-test=scanned]"));
      List<WebElement> answers = d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]"));
      boolean same = scanned == null ? shown.isEmpty() : !shown.isEmpty() && shown.get(0).getText().equals(scanned);
      return same && !answers.isEmpty();
    });
    return driver.findElement(By.cssSelector("#answer [data-test=answer]"));
  }

  private String step() {
    return (String) driver.executeScript("var s = document.getElementById('step'); return s ? s.getAttribute('data-step') : null");
  }
}
