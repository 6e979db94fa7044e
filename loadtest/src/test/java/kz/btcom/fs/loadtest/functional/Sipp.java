package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs one SIPp scenario from {@code loadtest/scenarios} against the server and waits for it, bounded; or a UAS
 * scenario in the background on a given port (the server's core), stopped when the test is done with it. SIPp is
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
        DebianPackage.ensureInstalled("sipp", "sip-tester");
    }

    /**
     * One call as a UAC: {@code sipp -sf SCENARIO -m 1} to the server's SIP port.
     *
     * @param workDir where SIPp writes its logs (it writes next to the scenario otherwise)
     */
    static Result call(Path workDir, String scenario, int serverPort, String service, String... setVariables)
            throws IOException, InterruptedException {
        return call(workDir, scenario, serverPort, service, List.of(), setVariables);
    }

    /** The same with more SIPp options, e.g. {@code -d 1000} for the hold time of uac.xml. */
    static Result call(Path workDir, String scenario, int serverPort, String service, List<String> options,
                       String... setVariables) throws IOException, InterruptedException {
        return calls(workDir, scenario, serverPort, service, 1, 1, options, setVariables);
    }

    /**
     * {@code count} calls as a UAC, {@code ratePerSecond} new ones a second, any number at once: {@code sipp -sf
     * SCENARIO -m COUNT -r RATE}. Bounded as one call is: SIPp's 20 s global timeout, then 40 s at most here.
     */
    static Result calls(Path workDir, String scenario, int serverPort, String service, int count, int ratePerSecond,
                        List<String> options, String... setVariables) throws IOException, InterruptedException {
        Path scenarioFile = Repository.root().resolve("loadtest/scenarios").resolve(scenario);
        Path errors = workDir.resolve("sipp-errors-" + System.nanoTime() + ".log"); // this call's errors only
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                "-sf", scenarioFile.toString(), "-s", service, "-i", "127.0.0.1", "-p", String.valueOf(FreePorts.sip()),
                "-m", String.valueOf(count), "-l", String.valueOf(count),
                "-timeout", "20s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", errors.toString()));
        if (count > 1) {
            command.addAll(List.of("-r", String.valueOf(ratePerSecond)));
        }
        command.addAll(options);
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
        if (Files.exists(errors)) {
            text += "\n--- sipp errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
        }
        return new Result(process.isAlive() ? -1 : process.exitValue(), text);
    }

    /**
     * A UAS scenario in the background on {@code 127.0.0.1:port} (e.g. the server's core port): {@code sipp -sf
     * SCENARIO -p PORT -m MAX_CALLS}, returned once SIPp listens there. Each INVITE that arrives is a call of its
     * own. Bounded: SIPp ends by itself after {@code maxCalls} calls or, failing, after its global timeout of
     * {@code lifetime}; {@link Uas#stop} ends it earlier, softly, and {@link Uas#close} for good.
     */
    static Uas serve(Path workDir, String scenario, int port, int maxCalls, Duration lifetime, String... setVariables)
            throws IOException, InterruptedException {
        return serve(workDir, scenario, port, maxCalls, lifetime, Duration.ZERO, setVariables);
    }

    /**
     * The same, with the scenario's {@code <pause/>} steps {@code pauses} long ({@code -d}): uas.xml then rings that
     * long before it answers, as a phone does, where a relay in front that does not keep a 180 and a 200 sent back
     * to back in order (Kamailio's several UDP workers) is not what a test is about.
     */
    static Uas serve(Path workDir, String scenario, int port, int maxCalls, Duration lifetime, Duration pauses,
            String... setVariables) throws IOException, InterruptedException {
        Path scenarioFile = Repository.root().resolve("loadtest/scenarios").resolve(scenario);
        String name = scenario.replace(".xml", "") + "-" + port + "-" + System.nanoTime();
        Path output = workDir.resolve(name + ".out");
        Path errors = workDir.resolve(name + "-errors.log");
        Path messages = workDir.resolve(name + "-messages.log");
        List<String> command = new ArrayList<>(List.of("sipp", "-sf", scenarioFile.toString(),
                "-i", "127.0.0.1", "-p", String.valueOf(port), "-m", String.valueOf(maxCalls),
                "-timeout", lifetime.toSeconds() + "s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", errors.toString(), "-trace_msg", "-message_file", messages.toString(),
                "-d", String.valueOf(pauses.toMillis())));
        for (int i = 0; i + 1 < setVariables.length; i += 2) {
            command.addAll(List.of("-set", setVariables[i], setVariables[i + 1]));
        }
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Uas uas = new Uas(scenario, port, process, output, errors, messages);
        uas.awaitListening(Duration.ofSeconds(10));
        return uas;
    }

    /** A SIPp UAS running in the background; see {@link #serve}. */
    static final class Uas implements AutoCloseable {
        private final String scenario;
        private final int port;
        private final Process process;
        private final Path output;
        private final Path errors;
        private final Path messages;

        private Uas(String scenario, int port, Process process, Path output, Path errors, Path messages) {
            this.scenario = scenario;
            this.port = port;
            this.process = process;
            this.output = output;
            this.errors = errors;
            this.messages = messages;
        }

        /**
         * Waits until SIPp's UDP socket on the port is bound (read from /proc/net/udp, so as not to race SIPp for
         * the port by trying it), or a second where there is no /proc.
         */
        private void awaitListening(Duration timeout) throws InterruptedException, IOException {
            Path udp = Path.of("/proc/net/udp");
            if (!Files.isReadable(udp)) {
                Thread.sleep(1000);
                return;
            }
            String local = String.format(Locale.ROOT, ":%04X ", port);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("SIPp " + scenario + " exited " + process.exitValue()
                            + " before listening on " + port + ":\n" + report());
                }
                for (String line : Files.readAllLines(udp)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 1 && (fields[1] + " ").endsWith(local)) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            close();
            throw new IllegalStateException("SIPp " + scenario + " did not listen on " + port + " within " + timeout
                    + ":\n" + report());
        }

        /**
         * Ends SIPp softly (SIGUSR1, as its 'q' key: no new calls, the calls in progress finish) and waits for it.
         * Its exit status then says whether every call that came passed (0; also 0 when none came).
         */
        Result stop(Duration timeout) throws IOException, InterruptedException {
            if (process.isAlive()) {
                Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(process.pid()))
                        .redirectErrorStream(true).start();
                kill.waitFor(5, TimeUnit.SECONDS);
            }
            return await(timeout);
        }

        /** Waits for SIPp to end by itself (after its -m calls), killing it when it has not within the timeout. */
        Result await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, "(SIPp " + scenario + " did not end within " + timeout + ": killed)\n" + report());
            }
            return new Result(process.exitValue(), report());
        }

        /** SIPp's message log ({@code -trace_msg}): each message with SIPp's time on it; see {@link SippMessageLog}. */
        Path messages() {
            return messages;
        }

        /** SIPp's screen, its error log and every message it sent and received. */
        private String report() throws IOException {
            StringBuilder text = new StringBuilder("--- SIPp ").append(scenario).append(" on port ").append(port)
                    .append(" ---\n");
            if (Files.exists(output)) {
                text.append(Files.readString(output, StandardCharsets.ISO_8859_1));
            }
            if (Files.exists(errors)) {
                text.append("\n--- its errors ---\n").append(Files.readString(errors, StandardCharsets.ISO_8859_1));
            }
            if (Files.exists(messages)) {
                text.append("\n--- its messages ---\n").append(Files.readString(messages, StandardCharsets.ISO_8859_1));
            }
            return text.toString();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
