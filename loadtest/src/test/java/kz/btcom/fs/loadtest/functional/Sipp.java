package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one SIPp scenario from {@code loadtest/scenarios} against the server and waits for it, bounded. SIPp is
 * installed from Debian's sip-tester package when missing (as run-load.sh does).
 */
final class Sipp {

    /** What SIPp said: its exit status (0: every call passed) and its screen and error output. */
    record Result(int exitCode, String output) {
        boolean passed() {
            return exitCode == 0;
        }
    }

    private Sipp() {
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        Process check = new ProcessBuilder("bash", "-c", "command -v sipp").redirectErrorStream(true).start();
        if (check.waitFor() == 0) {
            return;
        }
        Process install = new ProcessBuilder("bash", "-c",
                "sudo=; [ \"$(id -u)\" -ne 0 ] && sudo=sudo; $sudo apt-get update -q"
                        + " && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q sip-tester")
                .inheritIO().start();
        if (!install.waitFor(600, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("sipp is missing and apt-get install sip-tester failed");
        }
    }

    /**
     * One call as a UAC: {@code sipp -sf SCENARIO -m 1} to the server's SIP port.
     *
     * @param workDir where SIPp writes its logs (it writes next to the scenario otherwise)
     */
    static Result call(Path workDir, String scenario, int serverPort, String service, String... setVariables)
            throws IOException, InterruptedException {
        Path scenarioFile = Repository.root().resolve("loadtest/scenarios").resolve(scenario);
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                "-sf", scenarioFile.toString(), "-s", service, "-i", "127.0.0.1", "-p", String.valueOf(FreePorts.sip()),
                "-m", "1", "-l", "1", "-timeout", "20s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", workDir.resolve("sipp-errors.log").toString()));
        for (int i = 0; i + 1 < setVariables.length; i += 2) {
            command.addAll(List.of("-set", setVariables[i], setVariables[i + 1]));
        }
        Path output = Files.createTempFile(workDir, "sipp-", ".out");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Path errors = workDir.resolve("sipp-errors.log");
        if (Files.exists(errors)) {
            text += "\n--- sipp errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
        }
        return new Result(process.isAlive() ? -1 : process.exitValue(), text);
    }
}
