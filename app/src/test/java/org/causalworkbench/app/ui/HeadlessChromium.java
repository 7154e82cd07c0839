package org.causalworkbench.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through its own chromedriver (both installed by .ci/run):
 * no browser download, no network. Paths can be changed with -Dworkbench.chromium and
 * -Dworkbench.chromedriver.
 */
final class HeadlessChromium {

  private HeadlessChromium() {}

  static ChromeDriver start(Path profile, Path downloads) {
    String chromium = System.getProperty("workbench.chromium", "/usr/bin/chromium");
    String driver = System.getProperty("workbench.chromedriver", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(chromium)) || !Files.isExecutable(Path.of(driver))) {
      throw new IllegalStateException("browser tests need " + chromium + " and " + driver
          + ": apt-get install -y chromium chromium-driver (as .ci/run does)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1440,900", "--user-data-dir=" + profile.toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toAbsolutePath().toString(),
        "download.prompt_for_download", false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(driver))
        .usingAnyFreePort()
        .build();
    return new ChromeDriver(service, options);
  }

  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(e -> e.getLevel() + " " + e.getMessage())
        .toList();
  }
}
