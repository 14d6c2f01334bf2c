package io.unitrace.ui;

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
 * A supervisor with a phone (headless Chromium, 390 × 844): a SUSPECT unit scanned at the lookup,
 * its hold released from the card with a reason, the answer seen without scrolling and the release
 * at the head of the history; an API token created, its secret seen once.
 */
class SupervisorBrowserIT extends BrowserTest {

  @Test
  void supervisorReleasesASuspectHoldFromTheUnitCard() throws IOException {
    Site site = Site.create(admin);
    String serial = unique("SN");
    site.register(site.bin1, serial);
    Site.ok(
        site.api.post(
            site.unitPath(serial) + "/holds",
            map("hold", "SUSPECT", "reason", "serial seen twice")));

    signIn();
    driver.get(url("/units/lookup?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("q")))
        .sendKeys("(01)" + site.gtin + "(21)" + serial, Keys.ENTER);
    until.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=release-form]")));
    assertThat(driver.findElements(By.cssSelector("[data-test=hold]")))
        .extracting(WebElement::getText)
        .containsExactly("SUSPECT hold");

    driver.findElement(By.id("release-reason")).sendKeys("checked with the supplier: genuine");
    driver.findElement(By.cssSelector("[data-test=release]")).click();

    WebElement answer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=answer][data-outcome=done]")));
    assertThat(answer.getText()).contains("Done: SUSPECT hold released");
    assertInView(answer, "the release's answer");
    assertThat(driver.findElements(By.cssSelector("[data-test=unit-card] [data-test=hold]")))
        .isEmpty();
    List<WebElement> events = driver.findElements(By.cssSelector("[data-test=history] li.event"));
    assertThat(events.get(0).findElement(By.className("event-type")).getText())
        .isEqualTo("Hold released");
    assertThat(events.get(0).getText()).contains("checked with the supplier: genuine", "SUSPECT");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-unit-release-hold.png");
  }

  @Test
  void supervisorCreatesATokenAndSeesItsSecretOnce() throws IOException {
    Site site = Site.create(admin);
    signIn();
    driver.get(url("/admin/tokens?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("token-name")))
        .sendKeys("scanner-7");
    driver.findElement(By.cssSelector("[data-test=create-token]")).click();

    WebElement secret =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=secret]")));
    String token = secret.getText();
    assertThat(token).startsWith("ut_").hasSizeGreaterThan(40);
    assertThat(driver.findElement(By.cssSelector("[data-test=issued]")).getText())
        .contains("Shown this once");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-token-created.png");

    driver.get(url("/admin/tokens"));
    WebElement row =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-token=scanner-7]")));
    assertThat(row.getText()).contains(token.substring(0, 7));
    assertThat(driver.getPageSource()).doesNotContain(token);
    assertThat(driver.findElements(By.cssSelector("[data-test=secret]"))).isEmpty();
  }
}
