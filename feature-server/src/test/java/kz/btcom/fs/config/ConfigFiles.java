package kz.btcom.fs.config;

import kz.btcom.fs.tables.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writing configuration files and loading them, for the config tests. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path write(Path dir, String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code config/feature-server.yaml} in {@code workingDir}, the file used when none is named. */
    static void writeDefaultFile(Path workingDir, String yaml) {
        write(workingDir, ConfigLoader.DEFAULT_FILE.toString(), yaml);
    }

    static FeatureServerConfig load(Path workingDir, Map<String, String> env, String... args) throws ConfigException {
        return ConfigLoader.load(StartupOptions.parse(args), env, workingDir);
    }
}
