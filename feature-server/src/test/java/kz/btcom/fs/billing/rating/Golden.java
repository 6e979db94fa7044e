package kz.btcom.fs.billing.rating;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden files under src/test/resources/kz/btcom/fs/billing/rating. After an intended change of a bill's layout,
 * rewrite them with {@code -Dgolden.update=true} and review the diff.
 */
final class Golden {

    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.writeString(TestTariffs.resourcePath(name), actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        assertEquals(TestTariffs.resource(name), actual, "golden file " + name);
    }
}
