package io.unitrace.ui;

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
 * Packing as a packer does it with a handheld: headless Chromium at a phone's width (390 px), two
 * orders picked (through the API), one opened by its number, a new carton at the station, its units
 * scanned into the field and ended with Enter, a unit of the other order refused loudly, then the
 * order closed.
 */
class PackBrowserIT extends BrowserTest {

  @Test
  void packerOpensACartonScansTheOrdersUnitIsRefusedAnotherOrdersAndClosesTheOrder()
      throws IOException {
    Site site = Site.create(admin);
    Outbound floor = new Outbound(site);
    String mine = unique("SN");
    site.register(site.bin1, mine);
    long order = floor.order(1);
    String theirs = unique("SN");
    site.register(site.bin1, theirs);
    long other = floor.order(1);
    floor.pickAll(floor.pickList(order, other));

    signIn();
    driver.get(url("/pack?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("order")))
        .sendKeys(String.valueOf(order), Keys.ENTER);
    WebElement station =
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("station")));
    assertThat(activeId()).as("no carton yet: the station field first").isEqualTo("station");
    assertThat(driver.findElements(By.id("scan"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-test=lines]")).getText())
        .contains(site.sku, "1 missing");
    assertNoSidewaysScrolling();

    station.sendKeys(floor.station, Keys.ENTER);
    WebElement opened =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#answer [data-test=answer][data-outcome=CARTON]")));
    String sscc = driver.findElement(By.cssSelector("[data-test=carton-sscc]")).getText();
    assertThat(sscc).hasSize(18);
    assertThat(opened.getText()).contains("New carton " + sscc);
    assertThat(driver.findElement(By.cssSelector("[data-test=label-link]")).getAttribute("href"))
        .contains("/api/v1/labels/containers/" + sscc + "?format=png");
    assertThat(activeId()).isEqualTo("scan");

    // A unit of the other order: refused loudly, nothing packed.
    wedge(floor.dm(theirs));
    WebElement answer = answer("REFUSED", floor.dm(theirs));
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText())
        .containsIgnoringCase("Not this order")
        .contains("it is for order " + floor.channelOrderId(other));
    assertInView(answer, "the refusal");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-pack-refused.png");

    // The order's own unit: packed, and nothing is missing any more.
    wedge(floor.dm(mine));
    answer = answer("PACKED", floor.dm(mine));
    assertThat(answer.getText())
        .contains(site.sku + " " + mine + " into carton " + sscc, "Everything is packed");
    until.until(
        d -> d.findElement(By.cssSelector("[data-test=lines]")).getText().contains("1 / 1 packed"));
    assertInView(answer, "the pack's answer");
    assertThat(activeId()).isEqualTo("scan");
    saveScreenshot("ui-pack-packed.png");

    driver.findElement(By.cssSelector("[data-test=close-button]")).click();
    answer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#answer [data-test=answer][data-outcome=CLOSED]")));
    assertThat(answer.getText()).contains("is PACKED in 1 carton.");
    assertThat(driver.findElement(By.cssSelector("[data-test=order-status]")).getText())
        .isEqualTo("PACKED");
    assertThat(driver.findElement(By.cssSelector("[data-test=ship-link]")).isDisplayed()).isTrue();
    assertNoSidewaysScrolling();
    assertThat(floor.orderStatus(order)).isEqualTo("PACKED");
    assertThat(floor.state(mine)).isEqualTo("PACKED");
    assertThat(floor.state(theirs)).isEqualTo("PICKED");
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void wedge(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

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
}
