package kz.btcom.fs.loadtest.functional;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (packages chromium and chromium-driver,
 * installed with apt when missing): never a browser or driver that Selenium would download. Each one starts with a
 * fresh profile, saves downloads into a directory of its own, and is quit with {@link #close()}, driver and
 * browser both.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    final Path downloads;
    private final ChromeDriverService service;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path downloads) {
        this.driver = driver;
        this.service = service;
        this.downloads = downloads;
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        DebianPackage.ensureInstalled(BINARY.toString(), "chromium");
        DebianPackage.ensureInstalled(DRIVER.toString(), "chromium-driver");
    }

    static HeadlessChromium start(Path workDir) throws IOException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path downloads = Files.createTempDirectory(workDir, "downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // Nothing but the page's own requests: no updates, no sync, no first-run pages.
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        // The page's console messages, CSP refusals among them, for the tests to read.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver-" + System.nanoTime() + ".log").toFile())
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), service, downloads);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
