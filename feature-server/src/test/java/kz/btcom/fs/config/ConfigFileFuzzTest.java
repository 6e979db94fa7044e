package kz.btcom.fs.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import kz.btcom.fs.tables.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration files as the server reads them at start, one of them broken by the fuzzer: the first byte of
 * an input says which (feature-server.yaml, feature-codes.yaml, numbering.yaml, tariffs.yaml, trunks.yaml), the
 * rest is its content; the others are the shipped ones. Loading either works or fails with the start-up error,
 * one line naming the file (and the key, where there is one); any other exception is a finding.
 * Seeds in {@code ConfigFileFuzzTestInputs/loaded}: the shipped files. Runs in the surefire execution "fuzz".
 */
class ConfigFileFuzzTest {

    static final String[] FILES = {"feature-server.yaml", "feature-codes.yaml", "numbering.yaml", "tariffs.yaml",
            "trunks.yaml"};
    private static final Path SHIPPED = Path.of("..", "config");
    private static final Path WORKING_DIR = workingDir();
    /** The file the last input replaced, to be put back; null when all are the shipped ones. */
    private static String replaced;

    @FuzzTest
    void loaded(byte[] input) {
        if (input.length == 0) {
            return;
        }
        load(FILES[(input[0] & 0xff) % FILES.length], Arrays.copyOfRange(input, 1, input.length));
    }

    /** Loads the shipped configuration with {@code file} replaced by {@code content}; shared with the findings. */
    static void load(String file, byte[] content) {
        try {
            if (replaced != null) {
                Files.copy(SHIPPED.resolve(replaced), WORKING_DIR.resolve("config").resolve(replaced),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            replaced = file;
            Files.write(WORKING_DIR.resolve("config").resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ConfigLoader.load(StartupOptions.parse(new String[0]), Map.of(), WORKING_DIR);
        } catch (ConfigException e) {
            assertFalse(e.getMessage().contains("\n"), () -> "one line: " + e.getMessage());
            assertTrue(e.source().endsWith(".yaml") || e.source().startsWith("built-in"),
                    () -> "names the file: " + e.getMessage());
        }
    }

    private static Path workingDir() {
        try {
            Path dir = Files.createTempDirectory("config-fuzz");
            Files.createDirectories(dir.resolve("config"));
            for (String shipped : FILES) {
                Files.copy(SHIPPED.resolve(shipped), dir.resolve("config").resolve(shipped));
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
