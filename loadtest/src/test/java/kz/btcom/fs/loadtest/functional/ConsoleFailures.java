package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * When a browser test fails, what the browser showed: a screenshot and the page's DOM in
 * {@code loadtest/target/console-failures/}, since a failed wait alone does not say what was on the screen.
 */
final class ConsoleFailures implements TestWatcher {

    private final Supplier<ConsolePage> console;

    ConsoleFailures(Supplier<ConsolePage> console) {
        this.console = console;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ConsolePage page = console.get();
        if (page == null) {
            return;
        }
        try {
            Path dir = Files.createDirectories(Repository.root().resolve("loadtest/target/console-failures"));
            String name = context.getRequiredTestMethod().getName();
            Files.write(dir.resolve(name + ".png"), page.driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(dir.resolve(name + ".html"), page.driver.getCurrentUrl() + "\n"
                    + page.driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
