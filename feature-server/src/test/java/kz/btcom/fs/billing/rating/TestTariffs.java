package kz.btcom.fs.billing.rating;

import kz.btcom.fs.tables.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tariffs of the tests: the shipped file (tests run in feature-server/) and fixed ones for hand-computed costs. */
public final class TestTariffs {

    static final Path SHIPPED_FILE = Path.of("../config/tariffs.yaml");

    /** tariffs-for-tests.yaml: the prices the tests' tables are computed from. */
    public static final Tariffs FIXED = parse(resource("tariffs-for-tests.yaml"), "tariffs-for-tests.yaml");

    private TestTariffs() {
    }

    static String shippedText() {
        try {
            return Files.readString(SHIPPED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = TestTariffs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test resource's path in the source tree, for the golden files' update mode and the command's tests. */
    static Path resourcePath(String name) {
        return Path.of("src/test/resources/kz/btcom/fs/billing/rating", name);
    }

    static Tariffs parse(String yaml, String source) {
        try {
            return Tariffs.parse(yaml, source);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
