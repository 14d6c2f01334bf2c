package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lookup as a person with a handheld uses it: headless Chromium at a phone's width (390 px),
 * signed in through the form, scanning one code after another into the same field.
 *
 * <p>The browser and its driver come from the system (Debian's chromium and chromedriver), never
 * downloaded: the build runs without network.
 */
class UnitLookupBrowserIT extends IntegrationTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final int PHONE_WIDTH = 390;

  private ChromeDriver driver;
  private Path profile;
  private WebDriverWait until;

  @BeforeEach
  void openBrowser() throws IOException {
    profile = Files.createTempDirectory("unitrace-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=390,844", "--user-data-dir=" + profile.toAbsolutePath());
    // Headless Chromium keeps a window at least 500 px wide; a phone's viewport needs its emulation.
    options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", PHONE_WIDTH, "height", 844, "pixelRatio", 1.0)));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
    until = new WebDriverWait(driver, PATIENCE);
  }

  @AfterEach
  void closeBrowser() throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (profile != null) {
        try (Stream<Path> files = Files.walk(profile)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }

  @Test
  void operatorScansUnitsOneAfterAnotherAndSeesEachCardWithItsHistory() throws IOException {
    Site site = Site.create(admin);
    String scanned = unique("SN");
    String typed = unique("SN");
    site.register(site.dock, scanned, typed);
    Site.ok(site.api.post(site.unitPath(scanned) + "/move",
        map("location", site.bin1, "device", "handheld-12", "scan", "]d201" + site.gtin + "21" + scanned)));
    Site.ok(site.api.post(site.unitPath(scanned) + "/holds", map("hold", "QC", "reason", "seal broken")));

    signIn();
    driver.get(url("/units/lookup?tenant=" + site.tenant));
    assertThat(driver.findElements(By.cssSelector(".choose-client"))).as("the client is picked").isEmpty();

    // A GS1 scan, as a scanner in bracketed mode sends it, ending with Enter.
    scan("(01)" + site.gtin + "(21)" + scanned);
    WebElement card = waitForCard(scanned);
    assertThat(card.findElement(By.cssSelector("[data-test=state]")).getText()).isEqualTo("STORED");
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText()).isEqualTo(site.bin1);
    assertThat(card.findElement(By.cssSelector("[data-test=gtin]")).getText()).isEqualTo(site.gtin);
    assertThat(card.findElements(By.cssSelector("[data-test=hold]"))).extracting(WebElement::getText).containsExactly("QC hold");
    List<WebElement> events = driver.findElements(By.cssSelector("[data-test=history] li.event"));
    assertThat(events).extracting(e -> e.findElement(By.className("event-type")).getText())
        .containsExactly("Hold placed", "Moved", "Registered");
    WebElement move = events.get(1);
    assertThat(move.getText()).contains("handheld-12", "user:admin", site.bin1, "]d201" + site.gtin);
    assertThat(move.findElement(By.tagName("time")).getText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d");
    assertThat(events.get(0).getText()).contains("seal broken");

    // htmx swapped the result in: the field is empty and still focused for the next scan, the URL can be shared.
    WebElement field = driver.findElement(By.id("q"));
    assertThat(field.getAttribute("value")).isEmpty();
    assertThat(driver.switchTo().activeElement()).isEqualTo(field);
    assertThat(driver.getCurrentUrl()).contains("/units/lookup?q=");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-lookup.png");

    // A serial typed by hand into the same field.
    scan(typed);
    card = waitForCard(typed);
    assertThat(card.findElement(By.cssSelector("[data-test=state]")).getText()).isEqualTo("RECEIVED");
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText()).isEqualTo(site.dock);
    assertThat(driver.findElements(By.cssSelector("[data-test=history] li.event"))).hasSize(1);

    // A serial nobody registered.
    String unknown = unique("NOPE");
    scan(unknown);
    WebElement notFound = waitForResult("[data-test=not-found]", unknown);
    assertThat(notFound.getText()).contains("Unit not found", "No unit of client " + site.tenant, unknown);
    assertThat(driver.findElements(By.cssSelector("[data-test=unit-card]"))).isEmpty();

    // A damaged label: the GTIN's check digit is wrong.
    String wrong = site.gtin.substring(0, 13) + ((site.gtin.charAt(13) - '0' + 1) % 10);
    scan("(01)" + wrong + "(21)" + scanned);
    WebElement unreadable = waitForResult("[data-test=unreadable]", "check-digit");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-ai]")).getText()).isEqualTo("(01)");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-code]")).getText()).isEqualTo("check-digit");
    assertThat(unreadable.findElement(By.cssSelector("[data-test=gs1-position]")).getText()).matches("\\d+");
    assertThat(unreadable.findElement(By.tagName("mark")).getText()).isNotEmpty();
    assertThat(driver.switchTo().activeElement()).isEqualTo(driver.findElement(By.id("q")));
    assertNoSidewaysScrolling();
    saveScreenshot("ui-gs1-error.png");
  }

  @Test
  void severalUnitsWithTheSameSerialAreOfferedAndTheChosenOneIsShown() throws IOException {
    Site site = Site.create(admin);
    String serial = unique("SN");
    String otherGtin = Site.randomGtin();
    Site.ok(site.api.post("/api/v1/products", map("sku", unique("SKU"), "name", "Charger", "gtins", list(otherGtin), "tracking", "SERIAL")));
    site.register(site.bin1, serial);
    Site.ok(site.api.post("/api/v1/units", map("location", site.bin2, "units", list(map("gtin", otherGtin, "serial", serial)))));

    signIn();
    driver.get(url("/units/lookup?tenant=" + site.tenant));
    scan(serial);
    WebElement choices = waitForResult("[data-test=choices]", serial);
    List<WebElement> links = choices.findElements(By.cssSelector("ul.choices a"));
    assertThat(links).hasSize(2);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-choices.png");

    links.stream().filter(a -> a.getText().contains("Charger")).findFirst().orElseThrow().click();
    WebElement card = waitForCard(serial);
    assertThat(card.findElement(By.cssSelector("[data-test=gtin]")).getText()).isEqualTo(otherGtin);
    assertThat(card.findElement(By.cssSelector("[data-test=location]")).getText()).isEqualTo(site.bin2);
  }

  @Test
  void stockAndSignInPagesFitAPhoneScreen() throws IOException {
    Site site = Site.create(admin);
    site.register(site.bin1, unique("SN"), unique("SN"));

    driver.get(url("/login"));
    assertNoSidewaysScrolling();
    saveScreenshot("ui-signin.png");
    signIn();
    driver.get(url("/stock?tenant=" + site.tenant));
    WebElement table = until.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=stock]")));
    assertThat(table.getText()).contains(site.bin1, site.sku);
    assertNoSidewaysScrolling();
    saveScreenshot("ui-stock.png");
  }

  private void signIn() {
    driver.get(url("/login"));
    driver.findElement(By.id("username")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user]")));
  }

  /** Types into the scan field and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    WebElement field = driver.findElement(By.id("q"));
    field.sendKeys(text);
    field.sendKeys(Keys.ENTER);
  }

  private WebElement waitForCard(String serial) {
    until.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=unit-card] [data-test=serial]"), serial));
    return driver.findElement(By.cssSelector("[data-test=unit-card]"));
  }

  /** Waits until the result shows {@code selector} with {@code text}: the previous result is gone. */
  private WebElement waitForResult(String selector, String text) {
    until.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(selector), text));
    return driver.findElement(By.cssSelector(selector));
  }

  private void assertNoSidewaysScrolling() {
    JavascriptExecutor js = driver;
    assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).as("a phone's viewport").isEqualTo(PHONE_WIDTH);
    Object fits = js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    Object widths = js.executeScript("return document.documentElement.scrollWidth + ' > ' + window.innerWidth");
    assertThat(fits).as("no horizontal scrollbar on " + driver.getCurrentUrl() + ": " + widths).isEqualTo(Boolean.TRUE);
  }

  /** The whole page at phone width, kept with the build output for a look at what the test saw. */
  private void saveScreenshot(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", PHONE_WIDTH, "height", height.intValue(), "scale", 1)));
    Files.write(dir.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
