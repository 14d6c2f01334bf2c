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
 * received on the dock (registered there through the API), then scan the unit, read where it should
 * go, scan the bin; every scan typed into the one field and ended with Enter, as a keyboard-wedge
 * scanner sends it. The browser and its driver are the system's (Debian's chromium and
 * chromedriver), never downloaded.
 */
class PutawayBrowserIT extends BrowserTest {

  @Test
  void clerkScansAUnitSeesWhereItGoesScansTheBinAndTheFocusStaysInTheField() throws IOException {
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
                "fixedBin",
                site.bin2)));
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
    assertInView(answer, "the goods' answer");
    until.until(d -> "2".equals(step()));
    WebElement card = driver.findElement(By.cssSelector("[data-test=goods-card]"));
    assertThat(card.getText()).contains(site.sku, first, site.dock);
    List<WebElement> suggested = driver.findElements(By.cssSelector("[data-test=suggestions] li"));
    assertThat(suggested).hasSizeGreaterThanOrEqualTo(2);
    assertThat(suggested.get(0).getAttribute("class")).contains("first");
    assertThat(suggested.get(0).getText()).contains(site.bin2, "Fixed bin");
    assertThat(suggested.get(0).getCssValue("border-top-width"))
        .as("the first suggestion stands out")
        .isEqualTo("3px");
    assertThat(driver.findElement(By.cssSelector("label[for=scan]")).getText())
        .contains("Scan the location");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-suggestion.png");

    // Step 2: the bin. Confirmed, and back to step 1.
    scan(site.bin2);
    answer = answer("PUT_AWAY", site.bin2);
    assertThat(answer.getText())
        .containsIgnoringCase("Put away to " + site.bin2)
        .contains("As suggested.");
    assertInView(answer, "the putaway's answer");
    assertThat(lastTone()).isEqualTo("success");
    until.until(d -> "1".equals(step()));
    assertThat(driver.findElements(By.cssSelector("[data-test=goods-card]"))).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(first))).at("/location").asString())
        .isEqualTo(site.bin2);
    assertThat(ok(site.api.get(site.unitPath(first))).at("/state").asString()).isEqualTo("STORED");
    saveScreenshot("ui-putaway-done.png");

    // A unit already stored: refused loudly, the screen stays at step 1.
    scan("(01)" + site.gtin + "(21)" + stored);
    answer = answer("REFUSED", "(01)" + site.gtin + "(21)" + stored);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud");
    assertThat(answer.getText())
        .containsIgnoringCase("Not on a dock")
        .contains("STORED at " + site.bin1);
    assertInView(answer, "the refusal");
    assertThat(mark(answer)).isEqualTo("\"\u2715\"");
    assertThat(lastTone()).isEqualTo("exception");
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).isEqualTo("scan");

    // The second unit, then a quarantine location: wrong type, loud, the unit stays on screen for
    // another scan.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.quarantine);
    answer = answer("REFUSED", site.quarantine);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText())
        .containsIgnoringCase("Wrong location type")
        .contains("putaway goes to a STORAGE location");
    assertThat(step()).isEqualTo("2");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-refused.png");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString())
        .isEqualTo(site.dock);

    // Escape: back to step 1, nothing moved.
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    until.until(d -> "1".equals(step()));
    answer("CANCELLED", null);
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString())
        .isEqualTo(site.dock);

    // Scanned again, put away to a bin that is not the suggestion: taken, and said so.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.bin1);
    answer = answer("PUT_AWAY", site.bin1);
    assertThat(answer.getText()).contains("Not the suggestion");
    until.until(d -> "1".equals(step()));
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString())
        .isEqualTo(site.bin1);
  }

  @Test
  void clerkPutsAwayCountedGoodsFromTheDockPickedWithAQtyAndTheFocusStaysInTheField()
      throws IOException {
    Site site = Site.create(admin);
    String saline = unique("SAL");
    String salineGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", saline, "name", "Saline", "gtins", list(salineGtin), "tracking", "LOT")));
    String dock2 = site.warehouse + "-DOCK2";
    ok(
        admin.post(
            "/api/v1/locations",
            map("warehouse", site.warehouse, "code", dock2, "type", "DOCK", "level", "AREA")));
    found(site, salineGtin, site.bin2, 40);
    found(site, salineGtin, site.dock, 100);
    found(site, salineGtin, dock2, 5);
    String label = "(01)" + salineGtin + "(10)L1";

    signIn();
    driver.get(url("/putaway?tenant=" + site.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(activeId()).isEqualTo("scan");
    WebElement qty = driver.findElement(By.id("quantity"));
    assertThat(qty.isDisplayed()).as("step 1 takes a Qty").isTrue();

    // The lot lies on two docks: refused loudly, with the docks to pick from.
    scan(label);
    WebElement answer = answer("REFUSED", label);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText())
        .containsIgnoringCase("On several docks")
        .contains(site.dock + ", " + dock2, "Pick the dock");
    WebElement pick =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=from-pick]")));
    assertThat(pick.getText()).contains("Taken from which dock?", site.dock, dock2);
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-several-docks.png");

    // The dock tapped (the focus stays in the field), a Qty typed, the label scanned again.
    pick.findElement(By.xpath(".//label[.//input[@value='" + site.dock + "']]")).click();
    assertThat(pick.findElement(By.cssSelector("input[value='" + site.dock + "']")).isSelected())
        .isTrue();
    assertThat(activeId()).as("picking the dock does not take the focus").isEqualTo("scan");
    qty.click();
    qty.sendKeys("30", Keys.ENTER);
    assertThat(activeId()).isEqualTo("scan");
    scan(label);
    answer = answer("GOODS", label);
    assertThat(answer.getText())
        .contains(
            "30 × " + saline + " lot L1 on " + site.dock,
            "Moving 30 of the 100",
            site.bin2 + " is suggested");
    until.until(d -> "2".equals(step()));
    assertThat(driver.findElement(By.cssSelector("[data-test=goods-on-dock]")).getText())
        .isEqualTo("100");
    assertThat(driver.findElement(By.cssSelector("[data-test=goods-moving]")).getText())
        .isEqualTo("30");
    assertThat(driver.findElement(By.cssSelector("[data-test=goods-lot]")).getText())
        .isEqualTo("L1");
    assertThat(driver.findElements(By.cssSelector("[data-test=from-pick]")))
        .as("the dock is picked")
        .isEmpty();
    assertThat(driver.findElements(By.cssSelector("[data-test=suggestions] li")).get(0).getText())
        .contains(site.bin2, "Same SKU and lot");
    assertThat(qty.isDisplayed()).as("step 2 scans the location; the Qty is hidden").isFalse();
    assertThat(qty.getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-counted.png");

    // The bin: 30 go there, and the screen is back at step 1.
    scan(site.bin2);
    answer = answer("PUT_AWAY", site.bin2);
    assertThat(answer.getText())
        .contains(
            "30 × " + saline + " lot L1 now at " + site.bin2 + ": 70 there in all.",
            "As suggested.");
    until.until(d -> "1".equals(step()));
    assertThat(qty.isDisplayed()).isTrue();
    assertThat(activeId()).isEqualTo("scan");
    assertThat(stock(site, saline, site.dock)).isEqualTo(70);
    assertThat(stock(site, saline, site.bin2)).isEqualTo(70);
    assertThat(stock(site, saline, dock2)).isEqualTo(5);

    // More than there is on the second dock: loud, and it says how many there are.
    scan(label);
    answer("REFUSED", label);
    pick =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=from-pick]")));
    pick.findElement(By.xpath(".//label[.//input[@value='" + dock2 + "']]")).click();
    qty.click();
    qty.sendKeys("8", Keys.ENTER);
    scan(label);
    // The same scan refused again: the answer is known by its new title.
    until.until(
        d ->
            d.findElement(By.cssSelector("#answer [data-test=answer-title]"))
                .getText()
                .equalsIgnoreCase("Not enough on the dock"));
    answer = answer("REFUSED", label);
    assertThat(answer.getText())
        .containsIgnoringCase("Not enough on the dock")
        .contains("only 5 of " + saline + " lot L1 on " + dock2, "Type a Qty of 5 or less");
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).isEqualTo("scan");
    assertThat(stock(site, saline, dock2)).isEqualTo(5);
  }

  private static void found(Site site, String gtin, String location, int quantity) {
    ok(
        site.api.post(
            "/api/v1/stock/adjustments",
            map(
                "gtin",
                gtin,
                "lot",
                "L1",
                "location",
                location,
                "kind",
                "FOUND",
                "quantity",
                quantity,
                "reason",
                "test stock")));
  }

  private static long stock(Site site, String sku, String location) {
    var items =
        ok(site.api.get("/api/v1/stock?sku=" + sku + "&location=" + location)).json().path("items");
    return items.isEmpty() ? 0 : items.get(0).path("quantity").asLong();
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  /**
   * Waits for the answer to {@code scanned} (none: an answer without a scan) with {@code outcome}.
   */
  private WebElement answer(String outcome, String scanned) {
    until.until(
        d -> {
          List<WebElement> shown = d.findElements(By.cssSelector("#answer [data-test=scanned]"));
          List<WebElement> answers =
              d.findElements(
                  By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]"));
          boolean same =
              scanned == null
                  ? shown.isEmpty()
                  : !shown.isEmpty() && shown.get(0).getText().equals(scanned);
          return same && !answers.isEmpty();
        });
    return driver.findElement(By.cssSelector("#answer [data-test=answer]"));
  }

  private String step() {
    return (String)
        driver.executeScript(
            "var s = document.getElementById('step'); return s ? s.getAttribute('data-step') : null");
  }
}
