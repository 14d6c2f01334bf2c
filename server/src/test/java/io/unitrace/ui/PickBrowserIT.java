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
 * Picking as a picker does it with a handheld: headless Chromium at a phone's width (390 px), an
 * order allocated by itself (set up through the API), the pick list opened by its number, then the
 * location and the goods scanned into the one field and ended with Enter, as a keyboard-wedge
 * scanner sends them. Every answer is seen without scrolling and the focus stays in the field.
 */
class PickBrowserIT extends BrowserTest {

  @Test
  void pickerScansTheLocationThenTheGoodsSeesEveryAnswerAndTheNextTaskAndTheFocusStays()
      throws IOException {
    Site site = Site.create(admin);
    Outbound floor = new Outbound(site);
    site.register(site.bin1, unique("SN"), unique("SN"));
    long order = floor.order(2);
    long listId = floor.pickList(order);
    List<String> serials =
        floor.tasks(listId).stream().map(t -> t.path("serial").asString()).toList();
    String spare = unique("SN");
    site.register(site.bin1, spare);

    signIn();
    driver.get(url("/pick?tenant=" + site.tenant));
    WebElement list = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("list")));
    list.sendKeys(String.valueOf(listId), Keys.ENTER);
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertThat(text("[data-test=progress]")).isEqualTo("0 / 2 picked");
    assertThat(text("[data-test=task-location]")).isEqualTo(site.bin1);
    assertThat(text("[data-test=task-serial]")).isEqualTo(serials.get(0));
    assertThat(
            driver
                .findElement(By.cssSelector("[data-test=task-location]"))
                .getCssValue("font-size"))
        .as("the location is read from arm's length")
        .isEqualTo("30.4px");
    assertNoSidewaysScrolling();

    // The goods before the location: refused, loud, and the screen says where to go.
    wedge(floor.dm(serials.get(0)));
    WebElement answer = answer("REFUSED", floor.dm(serials.get(0)));
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText())
        .containsIgnoringCase("Scan the location first")
        .contains("Go to " + site.bin1);
    assertInView(answer, "the refusal");
    assertThat(lastTone()).isEqualTo("exception");
    assertThat(activeId()).isEqualTo("scan");

    // The location, remembered; then the allocated unit: picked, green, the next task shown.
    wedge(site.bin1);
    answer("LOCATION", site.bin1);
    until.until(d -> "2".equals(step()));
    wedge(floor.dm(serials.get(0)));
    answer = answer("PICKED", floor.dm(serials.get(0)));
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    assertThat(answer.getText()).contains(site.sku + " " + serials.get(0) + " for order");
    assertThat(answer.getCssValue("background-color"))
        .as("a pick is green")
        .isEqualTo("rgba(225, 244, 234, 1)");
    until.until(d -> text("[data-test=progress]").equals("1 / 2 picked"));
    assertThat(text("[data-test=task-serial]")).isEqualTo(serials.get(1));
    assertThat(step()).as("the next task is here too").isEqualTo("2");
    assertInView(answer, "the pick's answer");
    assertThat(mark(answer)).isEqualTo("\"\u2713\"");
    assertThat(lastTone()).isEqualTo("success");
    assertThat(activeId()).isEqualTo("scan");
    saveScreenshot("ui-pick-picked.png");

    // The same unit again: refused, loud, with its reason.
    wedge(floor.dm(serials.get(0)));
    until.until(d -> text("#answer [data-test=answer-title]").equalsIgnoreCase("Already picked"));
    answer = answer("REFUSED", floor.dm(serials.get(0)));
    assertThat(answer.getAttribute("class")).contains("loud");
    assertThat(answer.getText()).contains("this unit is already picked");
    assertInView(answer, "the refusal");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-pick-refused.png");

    // A free unit of the same SKU here stands in for the allocated one, and the screen says so.
    wedge(floor.dm(spare));
    answer = answer("SUBSTITUTED", floor.dm(spare));
    assertThat(answer.getText())
        .containsIgnoringCase("Substituted for " + serials.get(1))
        .contains("All picked: take the goods to " + floor.station);
    until.until(d -> text("[data-test=progress]").equals("2 / 2 picked"));
    assertThat(driver.findElement(By.cssSelector("[data-test=all-picked]")).isDisplayed()).isTrue();
    assertInView(answer, "the substitution");
    assertThat(activeId()).isEqualTo("scan");
    assertThat(floor.state(spare)).isEqualTo("PICKED");
    assertThat(floor.state(serials.get(1))).isEqualTo("STORED");
    assertThat(floor.orderStatus(order)).isEqualTo("PICKED");
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void wedge(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** Waits for the answer to {@code scanned} with {@code outcome}. */
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

  private String step() {
    return (String)
        driver.executeScript(
            "var s = document.getElementById('step'); return s ? s.getAttribute('data-step') : null");
  }
}
