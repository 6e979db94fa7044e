package kz.btcom.fs.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tshark (Wireshark's command line) for tests, installed from Debian's package when missing. */
public final class Tshark {

    private Tshark() {
    }

    /** As the SIPp tests install sip-tester: apt-get, noninteractive (the setuid question keeps its default). */
    public static void ensureInstalled() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("bash", "-c", "command -v tshark").redirectErrorStream(true).start();
        if (check.waitFor() == 0) {
            return;
        }
        Process install = new ProcessBuilder("bash", "-c",
                "sudo=; [ \"$(id -u)\" -ne 0 ] && sudo=sudo; $sudo apt-get update -q"
                        + " && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q tshark")
                .inheritIO().start();
        if (!install.waitFor(600, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("tshark is missing and apt-get install tshark failed");
        }
    }

    /** The SIP messages of a capture file, one line each: Call-ID, method (requests), status code (responses). */
    public static List<String> sipMessages(Path file) throws IOException, InterruptedException {
        return read(file, "-Y", "sip", "-T", "fields", "-e", "sip.Call-ID", "-e", "sip.Method", "-e",
                "sip.Status-Code");
    }

    /** {@code tshark -r file ARGS}: its standard output lines; a failure throws with what it said. */
    public static List<String> read(Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(file.getParent(), "tshark-", ".out");
        Path errors = Files.createTempFile(file.getParent(), "tshark-", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tshark did not finish within 60 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("tshark failed (" + process.exitValue() + "): " + command + ": "
                    + Files.readString(errors, StandardCharsets.UTF_8));
        }
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }
}
