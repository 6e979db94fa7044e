package kz.btcom.fs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The PostgreSQL server programs of this machine (Debian's layout: {@code /usr/lib/postgresql/VERSION/bin}),
 * the newest version; installed with apt-get when there are none and we may (root, as in CI).
 */
final class PostgresBinaries {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);

    private PostgresBinaries() {
    }

    /** The {@code bin} directory holding initdb and pg_ctl. */
    static Path findOrInstall() {
        Optional<Path> found = newest();
        if (found.isPresent()) {
            return found.get();
        }
        if (!OsCommand.isRoot()) {
            throw new IllegalStateException("no PostgreSQL server under " + DEBIAN_ROOT + "/*/bin, and not root to "
                    + "install it: run 'apt-get install postgresql' (the PostgreSQL tests need initdb and pg_ctl)");
        }
        install();
        return newest().orElseThrow(() -> new IllegalStateException("apt-get installed postgresql, but there is "
                + "still no initdb and pg_ctl under " + DEBIAN_ROOT + "/*/bin"));
    }

    static Optional<Path> newest() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(version -> isExecutable(version.resolve("bin/initdb"))
                            && isExecutable(version.resolve("bin/pg_ctl")))
                    .max(Comparator.comparing(version -> versionNumbers(version.getFileName().toString()),
                            PostgresBinaries::compareVersions))
                    .map(version -> version.resolve("bin"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + DEBIAN_ROOT + ": " + e.getMessage(), e);
        }
    }

    private static void install() {
        Path log = temporaryLog();
        Map<String, String> quiet = Map.of("DEBIAN_FRONTEND", "noninteractive");
        List<String> install = List.of("apt-get", "install", "-y", "-q", "postgresql");
        try {
            OsCommand.run("apt-get install postgresql", install, Path.of("/"), log, APT_TIMEOUT, quiet);
        } catch (IllegalStateException first) {
            // A fresh machine has no package lists yet.
            OsCommand.run("apt-get update", List.of("apt-get", "update", "-q"), Path.of("/"), log, APT_TIMEOUT,
                    quiet);
            OsCommand.run("apt-get install postgresql (after apt-get update)", install, Path.of("/"), log,
                    APT_TIMEOUT, quiet);
        }
    }

    private static Path temporaryLog() {
        try {
            return Files.createTempFile("fs-postgres-install-", ".log");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a log file for apt-get: " + e.getMessage(), e);
        }
    }

    private static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    /** "15" → [15], "9.6" → [9, 6]; not a version → [-1], last. */
    private static int[] versionNumbers(String name) {
        try {
            return Arrays.stream(name.split("\\.")).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            return new int[] {-1};
        }
    }

    private static int compareVersions(int[] a, int[] b) {
        return Arrays.compare(a, b);
    }
}
