package kz.btcom.fs.numbering;

import kz.btcom.fs.tables.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The shipped plan, read from config/numbering.yaml itself (tests run in feature-server/). */
final class Plans {

    static final Path SHIPPED_FILE = Path.of("../config/numbering.yaml");

    static final NumberingPlan SHIPPED = shipped();

    private Plans() {
    }

    static String shippedText() {
        try {
            return Files.readString(SHIPPED_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "almaty", "astana", or "none" for no caller area. */
    static Optional<Area> area(String name) {
        if (name.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(SHIPPED.area(name).orElseThrow(() -> new AssertionError("no area " + name)));
    }

    private static NumberingPlan shipped() {
        try {
            return NumberingPlan.parse(shippedText(), "numbering.yaml");
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
