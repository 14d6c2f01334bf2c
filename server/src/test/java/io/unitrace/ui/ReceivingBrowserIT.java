package io.unitrace.ui;

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
 * Receiving as a person at the dock does it with a handheld: headless Chromium at a phone's width
 * (390 px), signed in through the form, a receipt opened at a dock, then one scan after another
 * typed into the same field and ended with Enter, as a keyboard-wedge scanner sends them.
 *
 * <p>The browser and its driver come from the system (Debian's chromium and chromedriver), never
 * downloaded: the build runs without network.
 */
class ReceivingBrowserIT extends IntegrationTest {

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
  void operatorReceivesAtADockScanAfterScanWithTheFocusKeptInTheScanField() throws IOException {
    Site.create(admin); // another client, so that the admin has to pick one
    Site site = Site.create(admin);
    String first = unique("SN");
    String strangeGtin = Site.randomGtin();
    String typed = unique("SN");
    String broken = unique("SN");

    signIn();
    driver.get(url("/receiving"));
    // The admin sees several clients: pick this site's one.
    until.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".choose-client a[href*='tenant=" + site.tenant + "']"))).click();
    WebElement dock = until.until(ExpectedConditions.visibilityOfElementLocated(By.id("dock")));
    assertThat(activeId()).as("the dock field is ready for a scan of the dock label").isEqualTo("dock");
    dock.sendKeys(site.dock, Keys.ENTER);

    until.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan")));
    assertThat(driver.getCurrentUrl()).matches(".*/receiving/\\d+$");
    assertThat(driver.findElement(By.cssSelector("[data-test=dock]")).getText()).isEqualTo(site.dock);
    assertThat(counter()).isEqualTo("0 / 0");
    assertThat(activeId()).as("the scan field has the focus from the start").isEqualTo("scan");
    assertNoSidewaysScrolling();

    // A unit, received quietly.
    scan("(01)" + site.gtin + "(21)" + first);
    WebElement answer = answer("RECEIVED", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("status");
    assertThat(answer.getAttribute("class")).contains("quiet").doesNotContain("loud");
    assertThat(counter()).isEqualTo("1 / 0");
    assertThat(driver.findElement(By.id("scan")).getAttribute("value")).isEmpty();
    assertThat(activeId()).isEqualTo("scan");

    // The same unit again: loud, and nothing more counted.
    scan("(01)" + site.gtin + "(21)" + first);
    answer = answer("REPEAT", "(01)" + site.gtin + "(21)" + first);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud", "outcome-REPEAT");
    assertThat(answer.getText()).containsIgnoringCase("Repeat scan").contains("already received on this receipt");
    assertThat(counter()).isEqualTo("1 / 0");
    assertThat(activeId()).isEqualTo("scan");
    saveScreenshot("ui-receiving-repeat.png");

    // A GTIN no product of the client has: loud in its own colour.
    scan("(01)" + strangeGtin + "(21)X1");
    answer = answer("UNKNOWN_GTIN", "(01)" + strangeGtin + "(21)X1");
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(answer.getAttribute("class")).contains("loud", "outcome-UNKNOWN_GTIN");
    assertThat(answer.getText()).contains("unknown GTIN");
    assertThat(answer.getCssValue("background-color")).as("each exception has its own colour")
        .isNotEqualTo(colourOf("REPEAT"));
    assertThat(activeId()).isEqualTo("scan");

    // The product's GTIN, then a serial typed by hand: a unit of that product.
    scan(site.gtin);
    answer("PRODUCT", site.gtin);
    WebElement selected = until.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=product-selected]")));
    assertThat(selected.getText()).contains(site.sku, "selected");
    scan(typed);
    answer = answer("RECEIVED", typed);
    assertThat(answer.getText()).contains("(21)" + typed, site.sku);
    assertThat(counter()).isEqualTo("2 / 0");
    assertThat(driver.findElements(By.cssSelector("[data-test=product-selected]"))).as("still selected for the next serial").hasSize(1);
    assertThat(activeId()).isEqualTo("scan");

    // The damaged toggle, tapped: the focus stays in the scan field, and only the next scan is damaged.
    driver.findElement(By.cssSelector("label.toggle")).click();
    assertThat(driver.findElement(By.cssSelector("input[data-damaged]")).isSelected()).isTrue();
    assertThat(activeId()).as("the toggle does not take the focus").isEqualTo("scan");
    scan(broken);
    answer = answer("DAMAGED", broken);
    assertThat(answer.getAttribute("role")).isEqualTo("alert");
    assertThat(driver.findElement(By.cssSelector("input[data-damaged]")).isSelected()).isFalse();
    assertThat(counter()).isEqualTo("3 / 0");

    // A fast scanner: two codes fired before the first answer is back; both are taken, one after the other.
    String fast1 = unique("SN");
    String fast2 = unique("SN");
    WebElement field = driver.findElement(By.id("scan"));
    field.sendKeys(fast1, Keys.ENTER, fast2, Keys.ENTER);
    until.until(d -> counter().equals("5 / 0"));
    answer("RECEIVED", fast2);
    List<String> recent = driver.findElements(By.cssSelector("[data-test=recent] li")).stream().map(WebElement::getText).toList();
    assertThat(recent).hasSizeGreaterThanOrEqualTo(6);
    assertThat(String.join("\n", recent)).contains(fast1, fast2, broken, typed, first);
    assertThat(activeId()).isEqualTo("scan");
    assertNoSidewaysScrolling();
    saveScreenshot("ui-receiving-scans.png");

    // Closing asks first, then shows the discrepancy report.
    driver.findElement(By.cssSelector("[data-test=close-form] button")).click();
    until.until(ExpectedConditions.alertIsPresent()).accept();
    WebElement report = until.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=report]")));
    assertThat(report.findElement(By.cssSelector("[data-test=report-tally]")).getText()).isEqualTo("5 / 0");
    assertThat(report.findElement(By.cssSelector("[data-section=damaged]")).getText()).contains(site.sku, site.gtin, broken);
    assertThat(report.findElement(By.cssSelector("[data-section=unexpected]")).getText()).contains(strangeGtin, "X1");
    assertThat(driver.findElement(By.cssSelector("[data-test=status]")).getText()).isEqualTo("CLOSED");
    assertThat(driver.findElements(By.id("scan"))).as("a closed receipt takes no scans").isEmpty();
    assertNoSidewaysScrolling();
    saveScreenshot("ui-receiving-report.png");
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

  /** Waits for the answer to {@code scanned} with {@code outcome}: the previous answer is gone. */
  private WebElement answer(String outcome, String scanned) {
    until.until(d -> {
      List<WebElement> shown = d.findElements(By.cssSelector("#answer [data-test=scanned]"));
      List<WebElement> answers = d.findElements(By.cssSelector("#answer [data-test=answer][data-outcome=" + outcome + "]"));
      return !shown.isEmpty() && shown.get(0).getText().equals(scanned) && !answers.isEmpty();
    });
    return driver.findElement(By.cssSelector("#answer [data-test=answer]"));
  }

  /** The counter as shown, read in one go (an answer may replace it between two reads). */
  private String counter() {
    return (String) driver.executeScript("return document.querySelector('[data-test=received]').textContent + ' / '"
        + " + document.querySelector('[data-test=expected]').textContent");
  }

  private String activeId() {
    return (String) driver.executeScript("return document.activeElement ? document.activeElement.id : null");
  }

  /** The background colour the stylesheet gives a loud answer of {@code outcome}. */
  private String colourOf(String outcome) {
    return (String) driver.executeScript("""
        const probe = document.createElement('div');
        probe.className = 'answer loud outcome-' + arguments[0];
        document.body.appendChild(probe);
        const colour = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return colour;""", outcome);
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
