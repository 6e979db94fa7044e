package kz.btcom.fs.loadtest.functional;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, seen from a test (Surefire runs in loadtest/, an IDE maybe at the root). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        Path dir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("loadtest/run-load.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("no loadtest/run-load.sh above " + dir);
    }

    static Path jar() {
        return root().resolve("feature-server/target/feature-server.jar");
    }
}
