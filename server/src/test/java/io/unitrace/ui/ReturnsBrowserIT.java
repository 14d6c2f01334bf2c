package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Site;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The returns dock on a handheld (headless Chromium, 390 px): a shipped unit scanned, its verdict
 * with the sale and the checks read without scrolling sideways, received, inspected and routed back
 * to the dock for putaway.
 */
class ReturnsBrowserIT extends BrowserTest {

  @Test
  void clerkScansAReturnReadsTheVerdictReceivesInspectsAndRoutesIt() throws IOException {
    Site site = Site.create(admin);
    Outbound floor = new Outbound(site);
    String serial = unique("SN");
    String order = ReturnsPageIT.shipped(site, floor, serial);

    signIn();
    driver.get(url("/returns?tenant=" + site.tenant));
    WebElement scan = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(activeId()).isEqualTo("scan");
    scan.sendKeys("(01)" + site.gtin + "(21)" + serial);
    new Select(driver.findElement(By.id("reason"))).selectByValue("CHANGED_MIND");
    driver.findElement(By.id("dock")).sendKeys(site.dock);
    driver.findElement(By.cssSelector("[data-test=check]")).click();

    WebElement answer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=answer][data-outcome=ACCEPTED]")));
    assertInView(answer, "the verdict");
    WebElement verdict = driver.findElement(By.cssSelector("[data-test=verdict]"));
    assertThat(verdict.getText()).contains(order, "Ann Buyer", "return window");
    assertThat(verdict.findElements(By.cssSelector("[data-code=shipped-by-us]"))).hasSize(1);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-returns-verdict.png");

    driver.findElement(By.cssSelector("[data-test=receive]")).click();
    until.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-test=answer][data-outcome=RECEIVED]")));
    assertThat(driver.findElement(By.cssSelector("[data-test=return-status]")).getText())
        .isEqualTo("AWAITING_INSPECTION");
    assertThat(floor.state(serial)).isEqualTo("RETURNED");

    new Select(driver.findElement(By.id("condition"))).selectByValue("AS_NEW");
    driver.findElement(By.cssSelector("[data-test=inspect]")).click();
    until.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-test=answer][data-outcome=INSPECTED]")));
    assertThat(
            new Select(driver.findElement(By.id("disposition"))).getFirstSelectedOption().getText())
        .isEqualTo("RESTOCK");

    driver.findElement(By.id("location")).sendKeys(site.dock);
    driver.findElement(By.cssSelector("[data-test=route]")).click();
    WebElement routed =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=answer][data-outcome=ROUTED]")));
    assertThat(routed.getText()).contains("Put it away from " + site.dock);
    assertInView(routed, "the route's answer");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-returns-routed.png");
    assertThat(floor.state(serial)).isEqualTo("RECEIVED");
  }
}
