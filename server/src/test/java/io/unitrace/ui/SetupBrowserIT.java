package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A supervisor sets up a product at an office desk (headless Chromium at 1280 px): the new
 * product's form, a custom field added with "Add field", filled in and saved; the product then
 * lists in a table with its columns, and the API reads the field back. Then a CSV file of products
 * is chosen and imported.
 */
class SetupBrowserIT extends BrowserTest {

  static final int DESK_WIDTH = 1280;

  private Path deskProfile;

  /** Instead of the phone: the same system Chromium, headless, in a desk-sized window. */
  @BeforeEach
  @Override
  void openBrowser() throws IOException {
    Chromium.Found chromium =
        Chromium.find()
            .orElseThrow(
                () ->
                    new IllegalStateException("no Chromium or chromedriver: " + Chromium.INSTALL));
    deskProfile = Files.createTempDirectory("unitrace-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=" + DESK_WIDTH + ",900",
        "--user-data-dir=" + deskProfile.toAbsolutePath());
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(chromium.driver().toFile())
                .usingAnyFreePort()
                .build(),
            options);
    until = new WebDriverWait(driver, PATIENCE);
    until.ignoring(StaleElementReferenceException.class);
  }

  @AfterEach
  void removeDeskProfile() throws IOException {
    // Runs before the base class's clean-up: the browser is closed first, or it still writes to
    // its profile while the profile is removed.
    if (driver != null) {
      driver.quit();
      driver = null;
    }
    if (deskProfile != null) {
      try (Stream<Path> files = Files.walk(deskProfile)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void aSupervisorCreatesAProductWithACustomFieldAtADesk() throws IOException {
    Site site = Site.create(admin);
    String sku = unique("DESK");
    String gtin = Site.randomGtin();
    signIn();
    driver.get(url("/setup/products?tenant=" + site.tenant));
    until
        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test=new-product]")))
        .click();
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("sku"))).sendKeys(sku);
    driver.findElement(By.id("name")).sendKeys("Scanner " + sku);
    driver.findElement(By.id("gtins")).sendKeys(gtin);
    driver.findElement(By.cssSelector("[data-test=add-field]")).click();

    WebElement name =
        until.until(ExpectedConditions.visibilityOfElementLocated(By.id("fields-0-name")));
    // The form came back with what was typed, and a blank field row.
    assertThat(driver.findElement(By.id("sku")).getAttribute("value")).isEqualTo(sku);
    name.sendKeys("firmware");
    driver.findElement(By.cssSelector("input[name='fields[0].required']")).click();
    driver.findElement(By.cssSelector("[data-test=save]")).click();

    WebElement saved =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=saved]")));
    assertThat(saved.getText()).contains("Product created");
    assertThat(driver.findElement(By.id("fields-0-name")).getAttribute("value"))
        .isEqualTo("firmware");
    JsonNode p = Site.ok(site.api.get("/api/v1/products/" + sku)).json();
    assertThat(p.at("/customFields/0/name").asString()).isEqualTo("firmware");
    assertThat(p.at("/customFields/0/required").asBoolean()).isTrue();
    assertThat(p.at("/gtins/0").asString()).isEqualTo(gtin);

    driver.get(url("/setup/products?q=" + sku));
    assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue())
        .as("a desk's viewport")
        .isEqualTo(DESK_WIDTH);
    WebElement table =
        until.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=products]")));
    // At a desk the list is a table with its header row, not a stack of cards.
    assertThat(table.findElement(By.tagName("thead")).isDisplayed()).isTrue();
    List<WebElement> cells = table.findElements(By.cssSelector("tr[data-sku='" + sku + "'] td"));
    assertThat(cells).hasSize(5);
    assertThat(cells.get(0).getLocation().getY()).isEqualTo(cells.get(4).getLocation().getY());
    assertThat(cells.get(2).getText()).isEqualTo(gtin);
    Object fits =
        driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    assertThat(fits).isEqualTo(Boolean.TRUE);

    // A CSV file chosen and uploaded (a multipart form, its CSRF token inside): imported.
    String imported = unique("FILE");
    Path file = Files.createTempFile(deskProfile, "products", ".csv");
    Files.writeString(file, "sku,name,tracking\n" + imported + ",Cable,NONE\n");
    driver.findElement(By.cssSelector("[data-test=import-link]")).click();
    until
        .until(ExpectedConditions.presenceOfElementLocated(By.id("file")))
        .sendKeys(file.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("[data-test=import]")).click();
    assertThat(
            until
                .until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-test=imported]")))
                .getText())
        .contains("1 created, 0 updated");
    assertThat(site.api.get("/api/v1/products/" + imported).status()).isEqualTo(200);
  }
}
