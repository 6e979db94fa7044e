package kz.btcom.fs.loadtest.functional;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The console as a person uses it, through the browser: what they click and type, and what they then see. Every
 * look waits for its condition with a deadline, since the page answers only once the API has.
 */
final class ConsolePage {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final String base;

    ConsolePage(ChromeDriver driver, int httpPort) {
        this.driver = driver;
        this.base = "http://127.0.0.1:" + httpPort;
    }

    String base() {
        return base;
    }

    /** The console afresh: a new load of /console with nothing remembered from before. */
    void openSignedOut() {
        driver.get(base + "/console");
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
        await(By.id("sign-in"));
    }

    void signIn(String token) {
        openSignedOut();
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("sign-in-button")).click();
        await(By.id("sign-out"));
    }

    /** Opens a page of the console by its address in the fragment, e.g. {@code subscribers/new}. */
    void go(String fragment) {
        driver.get(base + "/console#/" + fragment);
    }

    WebElement await(By locator) {
        return waiting(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    <T> T awaitThat(String what, Function<ChromeDriver, T> condition) {
        return awaitThat(what, PATIENCE, condition);
    }

    <T> T awaitThat(String what, Duration patience, Function<ChromeDriver, T> condition) {
        return waiting(patience).withMessage(what).until(d -> condition.apply((ChromeDriver) d));
    }

    /**
     * A wait that asks again when the page redrew an element between finding it and reading it (the live pages
     * redraw every few seconds): that is the page at work, not a failure.
     */
    private WebDriverWait waiting(Duration patience) {
        WebDriverWait wait = new WebDriverWait(driver, patience);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The text of the element once it has one. */
    String awaitText(By locator) {
        return awaitThat("text in " + locator, d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || found.get(0).getText().isBlank() ? null : found.get(0).getText();
        });
    }

    /** Waits until the element's text is {@code expected}: a page drawn anew shows the old text meanwhile. */
    void awaitText(By locator, String expected) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.textToBe(locator, expected));
    }

    void type(By locator, String text) {
        WebElement input = await(locator);
        input.clear();
        input.sendKeys(text);
    }

    /** The field whose {@code data-field} is the profile path, e.g. {@code services.forwarding.noReplySeconds}. */
    static By field(String dotted) {
        return By.cssSelector("[data-field='" + dotted + "']");
    }

    /** Where the API's complaint about that field is shown. */
    static By errorOf(String dotted) {
        return By.cssSelector("[data-error-for='" + dotted + "']");
    }

    /** A dashboard tile's figure as the page holds it, before formatting; null until it has one. */
    Double tile(String id) {
        String value = driver.findElement(By.id(id)).getDomAttribute("data-value");
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    /** Saves what the window shows into docs/, for the README. */
    void screenshot(String name) throws IOException {
        Path docs = Files.createDirectories(Repository.root().resolve("docs"));
        Files.write(docs.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }
}
