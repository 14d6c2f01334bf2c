package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A cycle count as the floor and the office do it: headless Chromium at a phone's size (390 × 844),
 * the counter scanning into the one field with Enter as a keyboard-wedge scanner sends it, every
 * answer seen without scrolling and the focus kept; then the supervisor's review, approval and the
 * accuracy; and a recount of a location another counter closed.
 */
class CountBrowserIT extends BrowserTest {

  @Test
  void countABinBlindSeeTheDuplicateToldCloseItThenReviewApproveAndSeeTheAccuracy()
      throws IOException {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    String stranger = unique("U");
    s.register(s.bin1, a, b);
    ok(
        s.api.put(
            "/api/v1/counts/settings",
            map("recountOnUnitVariance", false, "recountAbovePercent", null)));
    long id =
        ok(s.api.post("/api/v1/counts", map("warehouse", s.warehouse, "locations", list(s.bin1))))
            .json()
            .path("id")
            .asLong();

    signIn();
    driver.get(url("/counts/" + id + "?tenant=" + s.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertThat(text("[data-test=location]")).isEqualTo(s.bin1);
    assertThat(driver.getPageSource())
        .as("blind: nothing of what the books hold")
        .doesNotContain(a, b, s.gtin, s.sku);
    assertNoSidewaysScrolling();

    wedge(dm(s, a));
    WebElement answer = answer("COUNTED", dm(s, a));
    assertThat(answer.getText()).contains("1 unit counted in " + s.bin1);
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    assertInView(answer, "the scan's answer");
    until.until(d -> text("[data-location='" + s.bin1 + "']").contains("1 scan"));
    assertThat(activeId()).isEqualTo("scan");

    // The same unit again: told loud, counted once.
    wedge(dm(s, a));
    until.until(d -> text("#answer [data-test=answer-title]").equalsIgnoreCase("Already counted"));
    answer = driver.findElement(By.cssSelector("#answer [data-test=answer]"));
    assertThat(answer.getAttribute("data-outcome")).isEqualTo("ALREADY_COUNTED");
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText()).contains("Scanned twice, counted once");
    assertInView(answer, "the duplicate's answer");
    bottomInViewport(answer);
    assertThat(activeId()).isEqualTo("scan");
    saveScreenshot("ui-count-twice.png");

    wedge(dm(s, stranger));
    answer("COUNTED", dm(s, stranger));
    assertThat(driver.getPageSource()).doesNotContain(b);

    driver.findElement(By.cssSelector("[data-test=done]")).click();
    until.until(
        d ->
            d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=CLOSED]")).size()
                == 1);
    assertThat(text("#answer [data-test=answer]"))
        .contains(s.bin1 + " closed", "Every location of this count is closed");
    assertThat(driver.findElements(By.cssSelector("[data-test=nothing-open]"))).hasSize(1);
    assertThat(driver.getPageSource()).doesNotContain(b, "MISSING");
    saveScreenshot("ui-count-done.png");

    // The supervisor's review: a MISSING and an UNKNOWN, approved into the ledger.
    driver.get(url("/counts/review/" + id));
    WebElement missing =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=discrepancy][data-kind=MISSING]")));
    assertThat(missing.getAttribute("data-serial")).isEqualTo(b);
    assertThat(
            driver
                .findElement(By.cssSelector("[data-test=discrepancy][data-kind=UNKNOWN]"))
                .getAttribute("data-serial"))
        .isEqualTo(stranger);
    assertNoSidewaysScrolling();
    driver.findElement(By.cssSelector("[data-test=approve]")).click();
    WebElement approved =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=answer]")));
    assertThat(approved.getAttribute("data-ok")).isEqualTo("true");
    assertThat(approved.getText()).contains("approved", "1 correction written to the ledger");
    assertThat(text("[data-test=status]")).isEqualTo("APPROVED");
    assertThat(
            driver
                .findElement(
                    By.cssSelector(
                        "[data-test=discrepancy][data-kind=MISSING] [data-test=outcome]"))
                .getText())
        .contains("written");
    assertThat(ok(s.api.get(s.unitPath(b))).json().path("state").asString()).isEqualTo("MISSING");
    saveScreenshot("ui-count-review.png");

    // Accuracy: the location counted, with its discrepancy.
    driver.get(url("/counts/accuracy?warehouse=" + s.warehouse));
    WebElement row =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=warehouse][data-warehouse='" + s.warehouse + "']")));
    assertThat(row.findElement(By.cssSelector("[data-test=locations]")).getText()).isEqualTo("1");
    assertThat(row.findElement(By.cssSelector("[data-test=clean]")).getText()).isEqualTo("0");
    assertThat(row.findElement(By.cssSelector("[data-test=ira]")).getText()).isEqualTo("0.0 %");
    assertThat(row.findElement(By.cssSelector("[data-test=unit-accuracy]")).getText())
        .isEqualTo("50.0 %");
    assertNoSidewaysScrolling();
  }

  @Test
  void aLocationWaitingForARecountIsRecountedHereByAnotherCounter() throws IOException {
    Site s = Site.create(admin);
    String a = unique("A");
    String b = unique("B");
    s.register(s.bin1, a, b);
    long id =
        ok(s.api.post(
                "/api/v1/counts", map("warehouse", s.warehouse, "locations", list(s.bin1, s.bin2))))
            .json()
            .path("id")
            .asLong();
    // The first counter found A only: a MISSING asks for a recount by default.
    Api first = s.personApi(admin, port, "OPERATOR");
    String at = "/api/v1/counts/" + id + "/locations/" + s.bin1;
    ok(first.post(at + "/scans", s.unitKey(a)));
    assertThat(ok(first.post(at + "/done", map())).json().path("status").asString())
        .isEqualTo("RECOUNT");

    signIn();
    driver.get(url("/counts/" + id + "?tenant=" + s.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(text("[data-test=location]")).as("the next open location").isEqualTo(s.bin2);
    WebElement waiting =
        driver.findElement(By.cssSelector("[data-location='" + s.bin1 + "'][data-status=RECOUNT]"));
    waiting.findElement(By.cssSelector("[data-test=recount]")).click();
    until.until(
        d ->
            d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=RECOUNTING]"))
                    .size()
                == 1);
    assertThat(text("[data-test=location]")).isEqualTo(s.bin1);
    assertThat(driver.getPageSource()).doesNotContain(b);
    assertThat(activeId()).isEqualTo("scan");

    wedge(dm(s, a));
    answer("COUNTED", dm(s, a));
    wedge(dm(s, b));
    WebElement answer = answer("COUNTED", dm(s, b));
    assertInView(answer, "the recount's answer");
    bottomInViewport(answer);
    driver.findElement(By.cssSelector("[data-test=done]")).click();
    until.until(
        d ->
            d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=CLOSED]")).size()
                == 1);
    assertThat(text("#answer [data-test=answer]")).contains("Next: " + s.bin2);
    assertThat(text("[data-test=location]")).isEqualTo(s.bin2);
    saveScreenshot("ui-count-recounted.png");

    var view = ok(s.api.get("/api/v1/counts/" + id)).json();
    assertThat(view.at("/locations/0/status").asString()).isEqualTo("DONE");
    assertThat(view.at("/locations/0/recountedBy").asString()).isEqualTo("user:admin");
    assertThat(view.path("discrepancies").size()).isZero();
  }

  /** A unit's GS1 element string as a scanner sends it, bracketed. */
  private static String dm(Site s, String serial) {
    return "(01)" + s.gtin + "(21)" + serial;
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void wedge(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  /** At 390 × 844 the answer's bottom edge is within the first viewport. */
  private void bottomInViewport(WebElement element) {
    Number bottom =
        (Number)
            driver.executeScript("return arguments[0].getBoundingClientRect().bottom", element);
    Number height = (Number) driver.executeScript("return window.innerHeight");
    assertThat(height.intValue()).isEqualTo(844);
    assertThat(bottom.doubleValue()).isLessThanOrEqualTo(height.doubleValue());
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
}
