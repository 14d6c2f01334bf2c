package io.unitrace.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Finds headless Chromium and its driver on this machine, from the system: the properties {@code
 * unitrace.browser.chromium} and {@code unitrace.browser.chromedriver} if set, else the first of
 * the usual names on {@code PATH}. Without them the browser tests are skipped with a loud notice,
 * unless {@code -Dunitrace.browser.required=true} (CI) makes a missing browser a failure.
 */
final class Chromium implements ExecutionCondition {

  static final String INSTALL = "apt-get install chromium chromium-driver";

  private static final AtomicBoolean NOTICE_SHOWN = new AtomicBoolean();

  record Found(Path browser, Path driver) {}

  static Optional<Found> find() {
    Optional<Path> browser =
        locate(
            "unitrace.browser.chromium", List.of("chromium", "chromium-browser", "google-chrome"));
    Optional<Path> driver = locate("unitrace.browser.chromedriver", List.of("chromedriver"));
    return browser.isPresent() && driver.isPresent()
        ? Optional.of(new Found(browser.get(), driver.get()))
        : Optional.empty();
  }

  static boolean required() {
    return Boolean.getBoolean("unitrace.browser.required");
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (find().isPresent()) {
      return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
    }
    if (required()) {
      // Enabled, so that opening the browser fails the test and the build, naming what is missing.
      return ConditionEvaluationResult.enabled("the browser is required");
    }
    String why =
        "no Chromium or chromedriver on PATH: browser tests skipped (install: " + INSTALL + ")";
    if (NOTICE_SHOWN.compareAndSet(false, true)) {
      String bar = "!".repeat(100);
      System.out.println(
          String.join(
              System.lineSeparator(),
              bar,
              "!! BROWSER TESTS SKIPPED: no Chromium or chromedriver was found on PATH.",
              "!! Install Debian's packages to run them: " + INSTALL,
              "!! (or set -Dunitrace.browser.chromium=... and -Dunitrace.browser.chromedriver=...).",
              "!! CI passes -Dunitrace.browser.required=true, where a missing browser fails the build.",
              bar));
    }
    return ConditionEvaluationResult.disabled(why);
  }

  private static Optional<Path> locate(String property, List<String> names) {
    String given = System.getProperty(property, "");
    if (!given.isBlank()) {
      Path p = Path.of(given);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : names) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
