package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Shipped;
import io.unitrace.support.Site;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * A recall followed on a supervisor's phone (headless Chromium, 390 px): a lot of phones, one
 * shipped to a customer, one with a battery cell built in. The supervisor reads the draft's
 * preview, opens it, sees the dashboard count the units in stock and at the customer, marks the
 * customer contacted, closes the campaign with a reason — its figures frozen, its holds lifted —
 * and then walks the trace: the phone, the cell inside it and back, and the lot by where its units
 * are.
 */
class RecallsBrowserIT extends BrowserTest {

  @Test
  void aSupervisorFollowsARecallToClosureAndTracesTheLotAndAnAssembledUnit() throws IOException {
    RecallShop shop = RecallShop.open(admin);
    String lot = unique("L");
    String cellLot = unique("CL");
    String sold = unique("S");
    String kept = unique("K");
    String built = unique("B");
    String cell = unique("C");
    shop.phones(lot, sold, kept, built);
    shop.cells(cellLot, cell);
    shop.assemble(built, cell);
    Shipped sale = shop.ship(sold);
    JsonNode draft = shop.draft("Battery swelling", lot);
    String number = draft.path("number").asString();

    signInAs(shop.site.person(admin, "SUPERVISOR"));
    driver.get(url("/recalls?tenant=" + shop.site.tenant));
    WebElement card = card(number);
    assertThat(card.getAttribute("data-status")).isEqualTo("DRAFT");
    assertThat(count(card, "IN_STOCK")).isEqualTo("2");
    assertThat(count(card, "AT_CUSTOMER")).isEqualTo("1");
    assertNoSidewaysScrolling();

    card.findElement(By.cssSelector("[data-test=campaign-link]")).click();
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=open]")))
        .click();
    answer(number + " is open");
    assertThat(shop.holds(kept)).containsExactly("RECALL");

    driver.findElement(By.cssSelector("[data-test=back]")).click();
    card = card(number);
    assertThat(card.getAttribute("data-status")).isEqualTo("OPEN");
    assertThat(count(card, "IN_STOCK")).isEqualTo("2");
    assertThat(count(card, "AT_CUSTOMER")).isEqualTo("1");
    assertThat(card.findElement(By.cssSelector("[data-test=customers]")).getText())
        .isEqualTo("0 of 1 customers contacted");
    assertThat(card.findElement(By.cssSelector("[data-test=percent]")).getText())
        .isEqualTo("0.0% complete");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-recalls-dashboard.png");

    card.findElement(By.cssSelector("[data-test=campaign-link]")).click();
    WebElement customer =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=customer][data-customer='" + sale.customer() + "']")));
    assertThat(customer.getText()).contains(sale.channelOrderId()).contains("1 unit");
    customer.findElement(By.cssSelector("[data-test=mark-contacted]")).click();
    answer("Contacted: " + sale.customer());
    customer =
        driver.findElement(
            By.cssSelector("[data-test=customer][data-customer='" + sale.customer() + "']"));
    assertThat(customer.getAttribute("data-contacted")).isEqualTo("true");
    assertThat(customer.findElements(By.cssSelector("[data-test=mark-contacted]"))).isEmpty();
    assertThat(driver.findElement(By.cssSelector("[data-test=customers]")).getText())
        .isEqualTo("1 of 1 customers contacted");
    assertNoSidewaysScrolling();

    driver.findElement(By.id("reason")).sendKeys("customer notified, stock destroyed");
    driver.findElement(By.cssSelector("[data-test=release]")).click();
    driver.findElement(By.cssSelector("[data-test=close]")).click();
    assertInView(answer(number + " is closed"), "the answer");
    assertThat(driver.findElement(By.cssSelector("[data-test=close-reason]")).getText())
        .isEqualTo("customer notified, stock destroyed");
    assertThat(driver.findElements(By.cssSelector("[data-test=close-form]"))).isEmpty();
    assertThat(count(driver.findElement(By.cssSelector("[data-test=campaign]")), "IN_STOCK"))
        .as("the figures frozen at closing")
        .isEqualTo("2");
    assertThat(shop.holds(kept)).isEmpty();
    saveScreenshot("ui-recall-closed.png");

    driver.findElement(By.cssSelector("[data-test=back]")).click();
    assertThat(card(number).getAttribute("data-status")).isEqualTo("CLOSED");
    assertThat(driver.findElement(By.cssSelector("[data-test=closed-campaigns]")).getText())
        .contains(number);

    // the trace of the phone with the cell built in, from the navigation
    driver.findElement(By.cssSelector("nav.tabs a[href='/trace']")).click();
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("gtin"))).sendKeys(shop.gtin);
    driver.findElement(By.id("serial")).sendKeys(built);
    driver.findElement(By.cssSelector("[data-test=trace-unit]")).click();
    WebElement tree =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=unit-tree]")));
    assertThat(tree.findElement(By.cssSelector("[data-test=serial]")).getText()).isEqualTo(built);
    WebElement component =
        tree.findElement(By.cssSelector("[data-test=components] [data-test=node]"));
    assertThat(component.getAttribute("data-serial")).isEqualTo(cell);
    assertThat(component.getText())
        .contains(shop.cellSku)
        .contains("lot " + cellLot)
        .contains("CONSUMED");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-trace-unit.png");

    component.findElement(By.cssSelector("[data-test=node-link]")).click();
    WebElement parent =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=built-into] [data-test=node]")));
    assertThat(parent.getAttribute("data-serial")).isEqualTo(built);
    assertThat(
            driver
                .findElement(By.cssSelector("[data-test=unit-tree] [data-test=serial]"))
                .getText())
        .isEqualTo(cell);

    // and the lot, by where its units are
    parent.findElement(By.cssSelector("[data-test=node-link]")).click();
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=lot-link]")))
        .click();
    WebElement inStock =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test=where][data-where=IN_STOCK]")));
    assertThat(inStock.findElement(By.cssSelector("[data-test=count]")).getText()).isEqualTo("2");
    assertThat(inStock.findElements(By.cssSelector("[data-test=unit]")))
        .extracting(u -> u.getAttribute("data-serial"))
        .containsExactlyInAnyOrder(kept, built);
    WebElement atCustomer =
        driver.findElement(By.cssSelector("[data-test=where][data-where=AT_CUSTOMER]"));
    WebElement soldUnit = atCustomer.findElement(By.cssSelector("[data-test=unit]"));
    assertThat(soldUnit.getAttribute("data-serial")).isEqualTo(sold);
    assertThat(soldUnit.findElement(By.cssSelector("[data-test=customer]")).getText())
        .isEqualTo("to " + sale.customer());
    assertNoSidewaysScrolling();
    saveScreenshot("ui-trace-lot.png");
  }

  private void signInAs(String username) {
    driver.get(url("/login"));
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(Site.PERSON_PASSWORD);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user]")));
  }

  /** The dashboard card of the campaign numbered {@code number}. */
  private WebElement card(String number) {
    return until.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-test=campaign][data-number='" + number + "']")));
  }

  /** How many affected units a card counts at {@code where}. */
  private static String count(WebElement card, String where) {
    return card.findElement(By.cssSelector("[data-where=" + where + "] strong")).getText();
  }

  /** The answer to an action, once it says {@code text}: the page before may have had one too. */
  private WebElement answer(String text) {
    By answer = By.cssSelector("[data-test=answer]");
    until.until(ExpectedConditions.textToBePresentInElementLocated(answer, text));
    return driver.findElement(answer);
  }
}
