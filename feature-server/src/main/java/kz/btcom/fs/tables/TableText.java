package kz.btcom.fs.tables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a table file (numbering, feature codes, tariffs) from disk, or its copy built into the jar. */
public final class TableText {

    private TableText() {
    }

    /** The file's text; a file that cannot be read is a one-line {@link ConfigException} naming it. */
    public static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.of(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /**
     * The copy of a table the build put on the class path.
     *
     * @throws IllegalStateException when it is not there: the build is broken
     */
    public static byte[] builtIn(String resource) {
        try (InputStream in = TableText.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in " + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #builtIn} as text. */
    public static String builtInText(String resource) {
        return new String(builtIn(resource), StandardCharsets.UTF_8);
    }
}
