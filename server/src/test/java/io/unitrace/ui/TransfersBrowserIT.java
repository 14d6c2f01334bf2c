package io.unitrace.ui;

import static io.unitrace.support.Site.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.OtherBuilding;
import io.unitrace.support.Site;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A transfer as the clerks do it with a handheld, in headless Chromium at a phone's size (390 ×
 * 844): the two warehouses picked, the units scanned onto the load, Ship; at the other building
 * each unit scanned as it arrives, every answer seen without scrolling.
 */
class TransfersBrowserIT extends BrowserTest {

  private WebElement answer(String outcome, String title) {
    By by = By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]");
    // Loud answers show their title in capitals: the text is compared as a person reads it.
    return until.until(
        d ->
            d.findElements(by).stream()
                .filter(e -> e.getText().toLowerCase().contains(title.toLowerCase()))
                .findFirst()
                .orElse(null));
  }

  private void scan(String text) {
    WebElement field = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(activeId()).as("the scan field has the focus").isEqualTo("scan");
    field.sendKeys(text, Keys.ENTER);
  }

  @Test
  void clerksShipUnitsByScanningAndReceiveThemByScanningAtTheOtherBuilding() throws IOException {
    Site site = Site.create(admin);
    OtherBuilding other = OtherBuilding.create(admin);
    site.register(site.bin1, "B1", "B2");

    signIn();
    driver.get(url("/transfers?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=new-transfer]")))
        .click();
    new Select(until.until(ExpectedConditions.visibilityOfElementLocated(By.id("from"))))
        .selectByValue(site.warehouse);
    new Select(driver.findElement(By.id("to"))).selectByValue(other.warehouse());
    driver.findElement(By.cssSelector("[data-test=start]")).click();

    scan("(01)" + site.gtin + "(21)B1");
    WebElement added = answer("GOODS", "On the load: unit B1");
    assertInView(added, "the answer to the first scan");
    scan("B2");
    assertInView(answer("GOODS", "On the load: unit B2"), "the answer to the second scan");
    assertThat(driver.findElements(By.cssSelector("[data-test=load-unit]"))).hasSize(2);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-transfer-load.png");

    driver.findElement(By.cssSelector("[data-test=ship]")).click();
    WebElement shipped = answer("SHIPPED", "Shipped: TRF-");
    assertInView(shipped, "the shipment's answer");
    String number = driver.findElement(By.cssSelector("[data-test=number]")).getText();
    assertThat(ok(site.api.get(site.unitPath("B1"))).at("/state").asString())
        .isEqualTo("IN_TRANSIT");
    assertThat(
            new Select(driver.findElement(By.id("dock")))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .isEqualTo(other.dock());

    scan("(01)" + site.gtin + "(21)B1");
    WebElement received = answer("RECEIVED", "Received: unit B1");
    assertThat(received.getAttribute("role")).isEqualTo("status");
    assertInView(received, "the answer to an arriving unit");
    scan("(01)" + site.gtin + "(21)B1");
    WebElement repeat = answer("REPEAT", "Arrived already");
    assertThat(repeat.getAttribute("role")).isEqualTo("alert");
    assertThat(repeat.getText()).contains("Unit B1 has arrived already");
    assertInView(repeat, "the answer to a unit scanned twice");
    scan("B2");
    WebElement last = answer("RECEIVED", "Received: unit B2");
    assertThat(last.getText()).contains("Everything on " + number + " has arrived");
    assertInView(last, "the answer to the last unit");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-transfer-received.png");

    var t = ok(site.api.get("/api/v1/transfers/" + number)).json();
    assertThat(t.path("status").asString()).isEqualTo("RECEIVED");
    assertThat(ok(site.api.get(site.unitPath("B2"))).at("/location").asString())
        .isEqualTo(other.dock());
  }
}
