package io.unitrace.ui;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static io.unitrace.support.Site.ok;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Putaway as a clerk does it with a handheld: headless Chromium at a phone's width (390 px), units
 * received on the dock (registered there through the API), then scan the unit, read where it
 * should go, scan the bin; every scan typed into the one field and ended with Enter, as a
 * keyboard-wedge scanner sends it. The browser and its driver are the system's (Debian's chromium
 * and chromedriver), never downloaded.
 */
class PutawayBrowserIT extends IntegrationTest {

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
    // Answers are swapped in while the test looks: an element found a moment ago may be gone.
    until = new WebDriverWait(driver, PATIENCE);
    until.ignoring(StaleElementReferenceException.class);
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
  void clerkScansAUnitSeesWhereItGoesScansTheBinAndTheFocusStaysInTheField() throws IOException {
    Site site = Site.create(admin);
    ok(site.api.put("/api/v1/products/" + site.sku, map("sku", site.sku, "name", "Phone", "gtins", list(site.gtin), "tracking", "SERIAL",
        "fixedBin", site.bin2)));
    String first = unique("SN");
    String second = unique("SN");
    String stored = unique("SN");
    site.register(site.dock, first, second);
    site.register(site.bin1, stored);

    signIn();
    driver.get(url("/putaway?tenant=" + site.tenant));
    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertNoSidewaysScrolling();

    // Step 1: the unit. What it is, and the fixed bin suggested first, highlighted.
    scan("(01)" + site.gtin + "(21)" + first);
    WebElement answer = answer("GOODS", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    until.until(d -> "2".equals(step()));
    WebElement card = driver.findElement(By.cssSelector("[data-test=goods-card]"));
    assertThat(card.getText()).contains(site.sku, first, site.dock);
    List<WebElement> suggested = driver.findElements(By.cssSelector("[data-test=suggestions] li"));
    assertThat(suggested).hasSizeGreaterThanOrEqualTo(2);
    assertThat(suggested.get(0).getAttribute("class")).contains("first");
    assertThat(suggested.get(0).getText()).contains(site.bin2, "Fixed bin");
    assertThat(suggested.get(0).getCssValue("border-top-width")).as("the first suggestion stands out").isEqualTo("3px");
    assertThat(driver.findElement(By.cssSelector("label[for=scan]")).getText()).contains("Scan the location");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-suggestion.png");

    // Step 2: the bin. Confirmed, and back to step 1.
    scan(site.bin2);
    answer = answer("PUT_AWAY", site.bin2);
    assertThat(answer.getText()).containsIgnoringCase("Put away to " + site.bin2).contains("As suggested.");
    until.until(d -> "1".equals(step()));
    assertThat(driver.findElements(By.cssSelector("[data-test=goods-card]"))).isEmpty();
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(first))).at("/location").asString()).isEqualTo(site.bin2);
    assertThat(ok(site.api.get(site.unitPath(first))).at("/state").asString()).isEqualTo("STORED");
    saveScreenshot("ui-putaway-done.png");

    // A unit already stored: refused loudly, the screen stays at step 1.
    scan("(01)" + site.gtin + "(21)" + stored);
    answer = answer("REFUSED", "(01)" + site.gtin + "(21)" + stored);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud");
    assertThat(answer.getText()).containsIgnoringCase("Not on a dock").contains("STORED at " + site.bin1);
    assertThat(step()).isEqualTo("1");
    assertThat(activeId()).isEqualTo("scan");

    // The second unit, then a quarantine location: wrong type, loud, the unit stays on screen for another scan.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.quarantine);
    answer = answer("REFUSED", site.quarantine);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getText()).containsIgnoringCase("Wrong location type").contains("putaway goes to a STORAGE location");
    assertThat(step()).isEqualTo("2");
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-putaway-refused.png");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.dock);

    // Escape: back to step 1, nothing moved.
    driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    until.until(d -> "1".equals(step()));
    answer("CANCELLED", null);
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.dock);

    // Scanned again, put away to a bin that is not the suggestion: taken, and said so.
    scan("(01)" + site.gtin + "(21)" + second);
    answer("GOODS", "(01)" + site.gtin + "(21)" + second);
    until.until(d -> "2".equals(step()));
    scan(site.bin1);
    answer = answer("PUT_AWAY", site.bin1);
    assertThat(answer.getText()).contains("Not the suggestion");
    until.until(d -> "1".equals(step()));
    assertThat(activeId()).isEqualTo("scan");
    assertThat(ok(site.api.get(site.unitPath(second))).at("/location").asString()).isEqualTo(site.bin1);
  }

  private void signIn() {
    driver.get(url("/login"));
    driver.findElement(By.id("username")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user]")));
  }

  /** Types into whatever has the focus and presses Enter, as a keyboard-wedge scanner does. */
  private void scan(String text) {
    driver.switchTo().activeElement().sendKeys(text, Keys.ENTER);
  }

  /** Waits for the answer to {@code scanned} (none: an answer without a scan) with {@code outcome}. */
  private WebElement answer(String outcome, String scanned) {
    until.until(d -> {
      List<WebElement> shown = d.findElements(By.cssSelector("#answer [data-test=scanned]"));
      List<WebElement> answers = d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]"));
      boolean same = scanned == null ? shown.isEmpty() : !shown.isEmpty() && shown.get(0).getText().equals(scanned);
      return same && !answers.isEmpty();
    });
    return driver.findElement(By.cssSelector("#answer [data-test=answer]"));
  }

  private String step() {
    return (String) driver.executeScript("var s = document.getElementById('step'); return s ? s.getAttribute('data-step') : null");
  }

  private String activeId() {
    return (String) driver.executeScript("return document.activeElement ? document.activeElement.id : null");
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
