package io.unitrace.ui;

import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Site;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The suspect-return cases on a supervisor's phone (headless Chromium, 390 px): a unit returned by
 * someone other than its buyer waits in quarantine on a SUSPECT hold; its case names the check, and
 * the supervisor clears it with a reason (the hold goes) or confirms it (the hold stays).
 */
class ReturnCasesBrowserIT extends BrowserTest {

  @Test
  void aSupervisorReadsTheCaseAndClearsOrConfirmsItWithAReason() throws IOException {
    Site site = Site.create(admin);
    Outbound floor = new Outbound(site);
    String cleared = unique("SN");
    String confirmed = unique("SN");
    ReturnsPageIT.shipped(site, floor, cleared);
    ReturnsPageIT.shipped(site, floor, confirmed);
    for (String serial : new String[] {cleared, confirmed}) {
      ok(
          site.api.post(
              "/api/v1/returns",
              map(
                  "scan",
                  "(01)" + site.gtin + "(21)" + serial,
                  "reason",
                  "DEFECTIVE",
                  "returnedBy",
                  "Mallory",
                  "location",
                  site.dock,
                  "quarantine",
                  site.quarantine)));
      assertThat(ok(site.api.get(site.unitPath(serial))).at("/holds").toString())
          .contains("SUSPECT");
    }

    signIn();
    driver.get(url("/returns/cases?tenant=" + site.tenant));
    WebElement first = caseOf(cleared);
    assertThat(first.findElements(By.cssSelector("[data-code=other-customer]"))).hasSize(1);
    assertThat(first.getText()).contains("held at " + site.quarantine);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-return-cases.png");

    first.findElement(By.cssSelector("input[name=reason]")).sendKeys("the buyer's spouse");
    first.findElement(By.cssSelector("[data-test=clear]")).click();
    WebElement answer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=answer]")));
    assertThat(answer.getText()).contains("cleared");
    assertInView(answer, "the answer");
    assertThat(ok(site.api.get(site.unitPath(cleared))).at("/holds").size()).isZero();
    assertThat(driver.findElements(By.cssSelector("[data-test=case]"))).hasSize(1);

    WebElement second = caseOf(confirmed);
    second.findElement(By.cssSelector("input[name=reason]")).sendKeys("label tampered");
    second.findElement(By.cssSelector("[data-test=confirm]")).click();
    until.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=no-cases]")));
    assertThat(ok(site.api.get(site.unitPath(confirmed))).at("/holds").toString())
        .contains("SUSPECT");
  }

  /** The case panel that names this serial. */
  private WebElement caseOf(String serial) {
    until.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=case]")));
    return driver.findElements(By.cssSelector("[data-test=case]")).stream()
        .filter(c -> c.getText().contains(serial))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no case names " + serial));
  }
}
