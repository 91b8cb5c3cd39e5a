package dev.intake.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through Debian's chromedriver (both from apt: {@code chromium},
 * {@code chromium-driver}; .ci/run installs them), with a fresh profile each run and nothing that
 * reaches the network on its own. Keeps the browser's console log so a test can assert that the page
 * logged no error.
 */
final class Browser implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

  /**
   * Chromium and chromedriver must be installed: on CI (CI=true; .ci/run installs them) their absence
   * fails the tests; on a developer's machine without them the browser tests are skipped, loudly.
   */
  static void requireInstalled() {
    if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
      return;
    }
    String message = "The console's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
        + CHROMEDRIVER + "): sudo apt-get install chromium chromium-driver";
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(message);
    }
    Logger.getLogger(Browser.class.getName()).warning(message + " — skipping them.");
    org.junit.jupiter.api.Assumptions.abort(message);
  }

  private final ChromeDriver driver;
  private final Path profile;

  Browser() throws IOException {
    // Selenium looks for a DevTools build matching Chromium's version and says so at WARNING when there
    // is none; nothing here uses DevTools.
    Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
    Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
    profile = Files.createTempDirectory("console-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    driver = new ChromeDriver(service, options);
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String url) {
    driver.get(url);
  }

  WebElement waitFor(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  List<WebElement> waitForAll(By by, Predicate<List<WebElement>> until) {
    return new WebDriverWait(driver, WAIT).until(d -> {
      List<WebElement> found = d.findElements(by);
      return until.test(found) ? found : null;
    });
  }

  void waitUntil(Predicate<ChromeDriver> condition) {
    new WebDriverWait(driver, WAIT).until(d -> condition.test(driver));
  }

  Object script(String js, Object... args) {
    return driver.executeScript(js, args);
  }

  Object asyncScript(String js, Object... args) {
    return driver.executeAsyncScript(js, args);
  }

  void size(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
  }

  void signOutEverywhere() {
    driver.manage().deleteAllCookies();
  }

  /** The browser console's entries since the last call (Chromium hands each out once). */
  List<LogEntry> consoleLog() {
    return driver.manage().logs().get(LogType.BROWSER).getAll();
  }

  /** A PNG of the window, to {@code target/screenshots/NAME.png} and, when given, into {@code alsoTo}. */
  Path screenshot(String name, Path alsoTo) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      Path file = dir.resolve(name + ".png");
      Files.write(file, png);
      if (alsoTo != null) {
        Files.write(Files.createDirectories(alsoTo).resolve(name + ".png"), png);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temporary profile is harmless
    }
  }
}
