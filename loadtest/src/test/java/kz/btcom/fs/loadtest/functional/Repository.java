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

    /**
     * Fails, not skips, when the packaged server is missing: a suite that skipped every end-to-end test would pass
     * having tested nothing from the outside. {@code mvn verify} from the root packages it before these run.
     */
    static void requireBuiltJar() {
        if (!java.nio.file.Files.isRegularFile(jar())) {
            throw new AssertionError(jar() + " is not built: run `mvn -B verify` (or `mvn -q -B -DskipTests package`"
                    + " first) from the repository root");
        }
    }
}
