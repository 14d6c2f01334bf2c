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
 * Shipping as the dock clerk does it with a handheld: headless Chromium at a phone's width (390
 * px), an order packed (through the API), opened by its number, the carrier and tracking number
 * typed, Confirm: the shipment's number and the link to its dispatch advice, seen without
 * scrolling.
 */
class ShipBrowserIT extends BrowserTest {

  @Test
  void clerkConfirmsAPackedOrdersShipmentAndSeesItsNumberAndDispatchAdvice() throws IOException {
    Site site = Site.create(admin);
    Outbound floor = new Outbound(site);
    String serial = unique("SN");
    site.register(site.bin1, serial);
    long order = floor.order(1);
    floor.pickAll(floor.pickList(order));
    String sscc = floor.packAll(order, List.of(serial));

    signIn();
    driver.get(url("/ship?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("order")))
        .sendKeys(String.valueOf(order), Keys.ENTER);
    WebElement carrier =
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("carrier")));
    assertThat(activeId()).isEqualTo("carrier");
    assertThat(driver.findElement(By.cssSelector("[data-test=cartons]")).getText()).contains(sscc);
    assertNoSidewaysScrolling();

    carrier.sendKeys("DHL");
    driver.findElement(By.id("service")).sendKeys("Express");
    driver.findElement(By.id("tracking")).sendKeys("JD0001");
    driver.findElement(By.cssSelector("[data-test=confirm]")).click();

    WebElement answer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#answer [data-test=answer][data-outcome=SHIPPED]")));
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    assertThat(answer.getText())
        .containsIgnoringCase("Shipped: shipment")
        .contains("left with DHL in 1 carton (1 unit)");
    String shipment = answer.getText().replaceAll("(?s).*[Ss]hipment ([0-9]+).*", "$1");
    WebElement advice = answer.findElement(By.cssSelector("[data-test=advice-link]"));
    assertThat(advice.getAttribute("href"))
        .contains("/api/v1/shipments/" + shipment + "/dispatch-advice");
    assertInView(answer, "the shipment's answer");
    assertThat(driver.findElement(By.cssSelector("[data-test=order-status]")).getText())
        .isEqualTo("SHIPPED");
    assertThat(driver.findElements(By.cssSelector("[data-test=ship-form]"))).isEmpty();
    assertNoSidewaysScrolling();
    saveScreenshot("ui-ship-shipped.png");
    assertThat(floor.state(serial)).isEqualTo("SHIPPED");
  }
}
