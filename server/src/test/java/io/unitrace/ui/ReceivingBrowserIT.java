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
 * Receiving as a person at the dock does it with a handheld: headless Chromium at a phone's width
 * (390 px), signed in through the form, a receipt opened at a dock, then one scan after another
 * typed into the same field and ended with Enter, as a keyboard-wedge scanner sends them.
 *
 * <p>The browser and its driver come from the system (Debian's chromium and chromedriver), never
 * downloaded: the build runs without network.
 */
class ReceivingBrowserIT extends BrowserTest {

  @Test
  void operatorReceivesAtADockScanAfterScanWithTheFocusKeptInTheScanField() throws IOException {
    Site.create(admin); // another client, so that the admin has to pick one
    Site site = Site.create(admin);
    String first = unique("SN");
    String strangeGtin = Site.randomGtin();
    String typed = unique("SN");
    String broken = unique("SN");

    signIn();
    driver.get(url("/receiving"));
    // The admin sees several clients: pick this site's one.
    until
        .until(
            ExpectedConditions.elementToBeClickable(
                By.cssSelector(".choose-client a[href*='tenant=" + site.tenant + "']")))
        .click();
    WebElement dock = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("dock")));
    assertThat(activeId())
        .as("the dock field is ready for a scan of the dock label")
        .isEqualTo("dock");
    dock.sendKeys(site.dock, Keys.ENTER);

    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(driver.getCurrentUrl()).matches(".*/receiving/\\d+$");
    assertThat(driver.findElement(By.cssSelector("[data-test=dock]")).getText())
        .isEqualTo(site.dock);
    assertThat(counter()).isEqualTo("0 / 0");
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertNoSidewaysScrolling();
    // The header is one slim row; every link is in its menu, and the client's code opens the
    // picker.
    WebElement header = driver.findElement(By.cssSelector("header.top"));
    assertThat(header.getSize().getHeight()).as("a slim header").isLessThanOrEqualTo(56);
    assertThat(driver.findElement(By.cssSelector("[data-test=screen-name]")).getText())
        .isEqualTo("Receiving");
    WebElement stock = driver.findElement(By.cssSelector("#menu-panel a[href='/stock']"));
    assertThat(stock.isDisplayed()).isFalse();
    driver.findElement(By.cssSelector("[data-test=menu-button]")).click();
    until.until(ExpectedConditions.visibilityOf(stock));
    saveScreenshot("ui-header-menu.png");
    assertThat(
            driver
                .findElement(By.cssSelector("#menu-panel a[href='/swagger-ui.html']"))
                .isDisplayed())
        .isTrue();
    driver.findElement(By.cssSelector("[data-test=client-switch]")).click();
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("tenant")));
    assertThat(stock.isDisplayed()).as("one panel at a time").isFalse();
    driver.findElement(By.cssSelector("[data-test=client-switch]")).click();
    until.until(ExpectedConditions.invisibilityOfElementLocated(By.id("tenant")));
    driver.findElement(By.id("scan")).click();

    // A unit, received quietly.
    scan("(01)" + site.gtin + "(21)" + first);
    WebElement answer = answer("RECEIVED", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    assertThat(answer.getAttribute("class")).contains("quiet").doesNotContain("loud");
    assertInView(answer, "the scan's answer");
    assertThat(mark(answer)).isEqualTo("\"\u2713\"");
    assertThat(lastTone()).as("a high beep").isEqualTo("success");
    assertThat(counter()).isEqualTo("1 / 0");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");

    // The same unit again: loud, and nothing more counted.
    scan("(01)" + site.gtin + "(21)" + first);
    answer = answer("REPEAT", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud", "outcome-REPEAT");
    assertThat(answer.getText())
        .containsIgnoringCase("Repeat scan")
        .contains("already received on this receipt");
    assertInView(answer, "the repeat's answer");
    assertThat(mark(answer)).isEqualTo("\"\u2715\"");
    assertThat(lastTone()).as("a low double buzz").isEqualTo("exception");
    assertThat(counter()).isEqualTo("1 / 0");
    assertThat(activeId()).isEqualTo("scan");
    saveScreenshot("ui-receiving-repeat.png");

    // A GTIN no product of the client has: loud in its own colour.
    scan("(01)" + strangeGtin + "(21)X1");
    answer = answer("UNKNOWN_GTIN", "(01)" + strangeGtin + "(21)X1");
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud", "outcome-UNKNOWN_GTIN");
    assertThat(answer.getText()).contains("unknown GTIN");
    assertThat(answer.getCssValue("background-color"))
        .as("each exception has its own colour")
        .isNotEqualTo(colourOf("REPEAT"));
    assertThat(activeId()).isEqualTo("scan");

    // A code the parser cannot read: said plainly, the parser's own sentence a tap away.
    String unreadable = unique("SN");
    scan(unreadable);
    answer = answer("REFUSED", unreadable);
    assertThat(answer.findElement(By.cssSelector("[data-test=answer-message]")).getText())
        .startsWith("This barcode could not be read");
    assertInView(answer, "the unreadable scan's answer");
    WebElement detail = answer.findElement(By.cssSelector("[data-test=standard-term] code"));
    assertThat(detail.isDisplayed()).as("on demand only").isFalse();
    answer.findElement(By.cssSelector("[data-test=standard-term] summary")).click();
    assertThat(detail.getText()).contains("expected an AI at position 0");
    assertThat(activeId()).as("the detail does not take the focus").isEqualTo("scan");
    saveScreenshot("ui-receiving-unreadable.png");

    // The product's GTIN, then a serial typed by hand: a unit of that product.
    scan(site.gtin);
    answer("PRODUCT", site.gtin);
    WebElement selected =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=product-selected]")));
    assertThat(selected.getText()).contains(site.sku, "selected");
    scan(typed);
    answer = answer("RECEIVED", typed);
    assertThat(answer.getText()).contains("(21)" + typed, site.sku);
    assertThat(counter()).isEqualTo("2 / 0");
    assertThat(driver.findElements(By.cssSelector("[data-test=product-selected]")))
        .as("still selected for the next serial")
        .hasSize(1);
    assertThat(activeId()).isEqualTo("scan");

    // The damaged toggle, tapped: the focus stays in the scan field, and only the next scan is
    // damaged.
    driver.findElement(By.cssSelector("label.toggle")).click();
    assertThat(driver.findElement(By.cssSelector("input[data-damaged]")).isSelected()).isTrue();
    assertThat(activeId()).as("the toggle does not take the focus").isEqualTo("scan");
    scan(broken);
    answer = answer("DAMAGED", broken);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(driver.findElement(By.cssSelector("input[data-damaged]")).isSelected()).isFalse();
    // Taken in, but kept apart from what came as expected.
    assertThat(counter()).isEqualTo("2 / 0");
    assertThat(driver.findElement(By.cssSelector("[data-test=counter-exceptions]")).getText())
        .contains("1 damaged", "1 unexpected");

    // A fast scanner: two codes fired before the first answer is back; both are taken, one after
    // the other.
    String fast1 = unique("SN");
    String fast2 = unique("SN");
    WebElement field = driver.findElement(By.id("scan"));
    field.sendKeys(fast1, Keys.ENTER, fast2, Keys.ENTER);
    until.until(d -> counter().equals("4 / 0"));
    answer("RECEIVED", fast2);
    List<String> recent =
        driver.findElements(By.cssSelector("[data-test=recent] li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(recent).hasSizeGreaterThanOrEqualTo(6);
    assertThat(String.join("\n", recent)).contains(fast1, fast2, broken, typed, first);
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-receiving-scans.png");

    // Sound off: kept by the browser across a reload, and no tone for the next answer.
    WebElement sound = driver.findElement(By.cssSelector("[data-test=sound-toggle]"));
    assertThat(sound.getAttribute("aria-pressed")).as("on by default").isEqualTo("true");
    sound.click();
    assertThat(sound.getAttribute("aria-pressed")).isEqualTo("false");
    assertThat(activeId()).as("the toggle does not take the focus").isEqualTo("scan");
    driver.navigate().refresh();
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(
            driver
                .findElement(By.cssSelector("[data-test=sound-toggle]"))
                .getAttribute("aria-pressed"))
        .as("remembered")
        .isEqualTo("false");
    String silent = unique("SN");
    scan("(01)" + site.gtin + "(21)" + silent);
    answer("RECEIVED", "(01)" + site.gtin + "(21)" + silent);
    assertThat(lastTone()).as("no tone while sound is off").isNull();
    driver.findElement(By.cssSelector("[data-test=sound-toggle]")).click();
    assertThat(lastTone()).as("switched on again, with a sample").isEqualTo("success");

    // Closing asks first, then shows the discrepancy report.
    driver.findElement(By.cssSelector("[data-test=close-form] button")).click();
    until.until(ExpectedConditions.alertIsPresent()).accept();
    WebElement report =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=report]")));
    assertThat(report.findElement(By.cssSelector("[data-test=report-tally]")).getText())
        .isEqualTo("5 / 0");
    assertThat(report.findElement(By.cssSelector("[data-section=damaged]")).getText())
        .contains(site.sku, site.gtin, broken);
    assertThat(report.findElement(By.cssSelector("[data-section=unexpected]")).getText())
        .contains(strangeGtin, "X1");
    assertThat(driver.findElement(By.cssSelector("[data-test=status]")).getText())
        .isEqualTo("CLOSED");
    assertThat(driver.findElements(By.id("scan"))).as("a closed receipt takes no scans").isEmpty();
    assertNoSidewaysScrolling();
    saveScreenshot("ui-receiving-report.png");
  }

  @Test
  void operatorReceivesCountedGoodsWithAQtyTypedBesideTheScanFieldWhichKeepsTheFocus()
      throws IOException {
    Site site = Site.create(admin);
    String saline = unique("SAL");
    String salineGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", saline, "name", "Saline", "gtins", list(salineGtin), "tracking", "LOT")));
    String gloves = unique("GLV");
    String glovesGtin = Site.randomGtin();
    ok(
        site.api.post(
            "/api/v1/products",
            map("sku", gloves, "name", "Gloves", "gtins", list(glovesGtin), "tracking", "NONE")));
    long receipt = ok(site.api.post("/api/v1/receipts", map("dock", site.dock))).at("/id").asLong();

    signIn();
    driver.get(url("/receiving/" + receipt + "?tenant=" + site.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(counter()).isEqualTo("0 / 0");
    assertThat(activeId()).as("the scan field has the focus, not the Qty").isEqualTo("scan");
    WebElement qty = driver.findElement(By.id("quantity"));
    assertThat(qty.isDisplayed()).isTrue();
    assertThat(qty.getAttribute("value")).isEmpty();

    // The Qty, tapped and typed: the focus stays there while typing, Enter hands it back to the
    // scan field.
    qty.click();
    assertThat(activeId()).as("a person typing a Qty keeps the focus").isEqualTo("quantity");
    qty.sendKeys("24", Keys.ENTER);
    assertThat(activeId()).isEqualTo("scan");
    assertThat(qty.getAttribute("value")).as("kept for the next scan").isEqualTo("24");
    assertThat(counter()).as("nothing sent yet").isEqualTo("0 / 0");

    // The label without a count: 24 received, the Qty cleared, the focus still in the scan field.
    scan("(01)" + salineGtin + "(10)L1");
    WebElement answer = answer("RECEIVED", "(01)" + salineGtin + "(10)L1");
    assertThat(answer.getText()).contains("24 × " + saline + " lot L1: received", "(10)L1");
    assertThat(answer.findElement(By.cssSelector("[data-test=answer-quantity]")).getText())
        .isEqualTo("24 ×");
    assertThat(counter()).isEqualTo("24 / 0");
    assertThat(qty.getAttribute("value")).as("the Qty is for one scan").isEmpty();
    assertThat(activeId()).isEqualTo("scan");

    // A label with its count, the Qty left empty: the label's count.
    scan("(01)" + salineGtin + "(10)L2(30)12");
    answer("RECEIVED", "(01)" + salineGtin + "(10)L2(30)12");
    assertThat(counter()).isEqualTo("36 / 0");
    assertThat(activeId()).isEqualTo("scan");

    // The scanner fired while the Qty had the focus: taken as the scan it is, one box of gloves,
    // not a count.
    qty.click();
    driver.switchTo().activeElement().sendKeys("(01)" + glovesGtin, Keys.ENTER);
    answer("RECEIVED", "(01)" + glovesGtin);
    assertThat(counter()).isEqualTo("37 / 0");
    assertThat(qty.getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");

    // A Qty typed after the scan text: Enter in the Qty sends them together. (Typed without a tap
    // first: right after
    // an emulated tap, Chromium at times drops the first key, which a person's thumb never
    // outruns.)
    driver.switchTo().activeElement().sendKeys(glovesGtin);
    qty.sendKeys("5");
    assertThat(activeId()).isEqualTo("quantity");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value"))
        .as("not sent yet")
        .isEqualTo(glovesGtin);
    qty.sendKeys(Keys.ENTER);
    answer = answer("RECEIVED", glovesGtin);
    assertThat(answer.getText()).contains("5 × " + gloves + ": received");
    assertThat(counter()).isEqualTo("42 / 0");
    assertThat(activeId()).isEqualTo("scan");

    List<String> recent =
        driver.findElements(By.cssSelector("[data-test=recent] li")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(String.join("\n", recent))
        .contains("24 × " + saline + " lot L1", "12 × " + saline + " lot L2", "5 × " + gloves);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-receiving-counted.png");
    assertThat(
            ok(site.api.get("/api/v1/stock?sku=" + gloves + "&location=" + site.dock))
                .at("/items/0/quantity")
                .asLong())
        .isEqualTo(6);
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  /** Waits for the answer to {@code scanned} with {@code outcome}: the previous answer is gone. */
  private WebElement answer(String outcome, String scanned) {
    until.until(
        d -> {
          List<WebElement> shown = d.findElements(By.cssSelector("#answer [data-test=scanned]"));
          List<WebElement> answers =
              d.findElements(
                  By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]"));
          return !shown.isEmpty() && shown.get(0).getText().equals(scanned) && !answers.isEmpty();
        });
    return driver.findElement(By.cssSelector("#answer [data-test=answer]"));
  }

  /** The counter as shown, read in one go (an answer may replace it between two reads). */
  private String counter() {
    return (String)
        driver.executeScript(
            "return document.querySelector('[data-test=received]').textContent + ' / '"
                + " + document.querySelector('[data-test=expected]').textContent");
  }

  /** The background colour the stylesheet gives a loud answer of {@code outcome}. */
  private String colourOf(String outcome) {
    return (String)
        driver.executeScript(
            """
        const probe = document.createElement('div');
        probe.className = 'answer loud outcome-' + arguments[0];
        document.body.appendChild(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;""",
            outcome);
  }
}
