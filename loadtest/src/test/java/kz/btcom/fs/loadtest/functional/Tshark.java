package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's {@code tshark} reading a capture the server wrote, as a technician would open it. */
final class Tshark {

    private Tshark() {
    }

    /**
     * The non-blank lines tshark prints for the file with these options ({@code -n -r FILE} first); its warnings
     * (it runs as root here) are kept apart and shown only when it fails.
     */
    static List<String> read(Path workDir, Path file, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(List.of(options));
        Path out = Files.createTempFile(workDir, "tshark-", ".txt");
        Path errors = Files.createTempFile(workDir, "tshark-", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(errors.toFile())
                .start();
        boolean finished = process.waitFor(30, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(finished, "tshark did not finish in 30 s");
        assertEquals(0, process.exitValue(), "tshark failed:\n" + Files.readString(errors));
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
