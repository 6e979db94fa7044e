package kz.btcom.fs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The schema versions the shipped Flyway migrations bring a database to, in order: "1", "2", ... */
public final class ShippedMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    private ShippedMigrations() {
    }

    public static List<String> versions() {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> m.group(1))
                    .sorted(Comparator.comparingInt(Integer::parseInt))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the migrations: " + e, e);
        }
    }

    public static String latest() {
        List<String> versions = versions();
        return versions.get(versions.size() - 1);
    }
}
