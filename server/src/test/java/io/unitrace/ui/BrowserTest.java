package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A screen as a person with a handheld uses it: headless Chromium at a phone's width (390 px), a
 * fresh profile per test, signed in through the form. The browser and its driver come from the
 * system ({@link Chromium}: Debian's chromium and chromedriver on PATH), never downloaded: the
 * build runs without network. Without them these tests are skipped with a notice, or fail where
 * required.
 */
@ExtendWith(Chromium.class)
abstract class BrowserTest extends IntegrationTest {

  static final Duration PATIENCE = Duration.ofSeconds(20);
  static final int PHONE_WIDTH = 390;

  protected ChromeDriver driver;
  protected WebDriverWait until;
  private Path profile;

  @BeforeEach
  void openBrowser() throws IOException {
    Chromium.Found chromium =
        Chromium.find()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the browser tests are required (unitrace.browser.required) but no"
                            + " Chromium or chromedriver is on PATH: "
                            + Chromium.INSTALL));
    profile = Files.createTempDirectory("unitrace-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.browser().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=390,844",
        "--user-data-dir=" + profile.toAbsolutePath());
    // Headless Chromium keeps a window at least 500 px wide; a phone's viewport needs its
    // emulation.
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", PHONE_WIDTH, "height", 844, "pixelRatio", 1.0)));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromium.driver().toFile())
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

  void signIn() {
    driver.get(url("/login"));
    driver.findElement(By.id("username")).sendKeys("admin");
    driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    until.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-test=user]")));
  }

  /** The id of the element that has the focus (null if none). */
  String activeId() {
    return (String)
        driver.executeScript("return document.activeElement ? document.activeElement.id : null");
  }

  void assertNoSidewaysScrolling() {
    JavascriptExecutor js = driver;
    assertThat(((Number) js.executeScript("return window.innerWidth")).intValue())
        .as("a phone's viewport")
        .isEqualTo(PHONE_WIDTH);
    Object fits =
        js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth");
    Object widths =
        js.executeScript("return document.documentElement.scrollWidth + ' > ' + window.innerWidth");
    assertThat(fits)
        .as("no horizontal scrollbar on " + driver.getCurrentUrl() + ": " + widths)
        .isEqualTo(Boolean.TRUE);
  }

  /**
   * The element is on screen whole, without scrolling: at a phone's height the answer to a scan is
   * read where the picker looks.
   */
  void assertInView(org.openqa.selenium.WebElement element, String what) {
    Object fits =
        driver.executeScript(
            "var r = arguments[0].getBoundingClientRect();"
                + " return r.top >= 0 && r.bottom <= window.innerHeight && window.scrollY === 0;",
            element);
    Object where =
        driver.executeScript(
            "var r = arguments[0].getBoundingClientRect();"
                + " return r.top + '..' + r.bottom + ' of ' + window.innerHeight + ', scrolled '"
                + " + window.scrollY;",
            element);
    assertThat(fits).as(what + " visible without scrolling: " + where).isEqualTo(Boolean.TRUE);
  }

  /**
   * The tone the page played for the last scan answer ("success", "exception"), or null when none
   * was played (sound off).
   */
  String lastTone() {
    return (String)
        driver.executeScript("return window.unitrace ? window.unitrace.lastTone : undefined");
  }

  /** Forgets the last tone, so that the next answer's tone (or none) is what is read. */
  void forgetTone() {
    driver.executeScript("window.unitrace.lastTone = null");
  }

  /**
   * The mark beside an answer's title: a tick for an answer that went through, a cross for one that
   * needs a look, so the two differ by more than their colour.
   */
  String mark(org.openqa.selenium.WebElement answer) {
    return (String)
        driver.executeScript(
            "return getComputedStyle(arguments[0].querySelector('.answer-title'), '::before')"
                + ".content",
            answer);
  }

  /** The whole page at phone width, kept with the build output for a look at what the test saw. */
  void saveScreenshot(String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "ui-screenshots"));
    Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of(
                "format",
                "png",
                "captureBeyondViewport",
                true,
                "clip",
                Map.of(
                    "x",
                    0,
                    "y",
                    0,
                    "width",
                    PHONE_WIDTH,
                    "height",
                    height.intValue(),
                    "scale",
                    1)));
    Files.write(dir.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }
}
