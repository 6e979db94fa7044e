package kz.btcom.fs.billing.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The names in the export's output directory: {@code calls-YYYY-MM-DD.csv}, one per UTC day on which the
 * releases were journaled, and the export's own {@code export.position} and {@code export.lock}.
 */
public final class OutputFiles {

    public static final String POSITION = "export.position";
    public static final String LOCK = "export.lock";

    private static final String PREFIX = "calls-";
    private static final String SUFFIX = ".csv";

    private OutputFiles() {
    }

    /** {@code calls-2026-11-25.csv}. */
    public static String csvName(LocalDate day) {
        return PREFIX + day + SUFFIX;
    }

    /** The day of a CSV file's name, or null when it is not one of ours. */
    static LocalDate dayOf(String name) {
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The CSV files in {@code dir}, oldest day first. */
    public static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> dayOf(f.getFileName().toString()) != null && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }
}
