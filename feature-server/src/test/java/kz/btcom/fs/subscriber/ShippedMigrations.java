package kz.btcom.fs.subscriber;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;

/**
 * The versions of the Flyway migrations the build ships ({@code db/migration/V<n>__*.sql}), in order: tests that
 * check what was applied compare with these, so that adding a migration does not break them.
 */
final class ShippedMigrations {

    private ShippedMigrations() {
    }

    static List<String> versions() throws IOException, URISyntaxException {
        Path migrations = Path.of(SubscriberStores.class.getResource("/db/migration").toURI());
        try (var files = Files.list(migrations)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                    .toList();
        }
    }
}
