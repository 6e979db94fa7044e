package kz.btcom.fs.loadtest.functional;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * One exchange of calls through the server, both sides of the core played by SIPp: the core's terminating side (a
 * UAS on the server's core port, {@link Sipp#serve}) and callers to the server's SIP port ({@link Sipp#call}), each
 * started at its own moment after the exchange begins, so that several calls can be in progress at once (a call
 * waiting while another is talking). The core side runs for the whole exchange and is stopped
 * {@link #STRAY_WINDOW} after the last caller is done, so an INVITE that should not have come is seen and fails it;
 * and it must have had as many calls as the test says ({@link Part#calls}), so one that did not come is missed.
 * SIPp's exit status is the verdict of each side; a failure shows every SIPp output (the core's with every message
 * it sent and received) and the server's log.
 */
final class SippExchange {

    /** How long the core side waits, once the callers are done, for anything that should not come. */
    static final Duration STRAY_WINDOW = Duration.ofMillis(1000);
    /** The statistics screen's line: "Incoming calls created | PERIODIC | CUMULATIVE". */
    private static final Pattern INCOMING_CALLS =
            Pattern.compile("Incoming calls created *\\| *[0-9]+ *\\| *([0-9]+)");

    /**
     * A SIPp scenario, its -s (callers only), when it starts, more SIPp options, its -set values, and (the core
     * only) how many calls it must have had, or -1 for any number.
     */
    record Part(String scenario, String dialled, Duration startAt, List<String> options, String[] variables,
                int calls) {

        /** The same part started {@code millis} after the exchange begins. */
        Part at(long millis) {
            return new Part(scenario, dialled, Duration.ofMillis(millis), options, variables, calls);
        }

        /** The same part with more SIPp options, e.g. {@code "-d", "5000"} (uac.xml's hold time). */
        Part options(String... more) {
            List<String> all = new ArrayList<>(options);
            all.addAll(Arrays.asList(more));
            return new Part(scenario, dialled, startAt, List.copyOf(all), variables, calls);
        }

        /**
         * The core side must have had exactly {@code count} calls (INVITEs that began a call there): a scenario
         * that checks each call it gets passes, too, when none came at all, e.g. when the server answered a call
         * itself instead of sending it on.
         */
        Part calls(int count) {
            return new Part(scenario, dialled, startAt, options, variables, count);
        }

        String name() {
            return scenario + (dialled == null ? "" : " dialling " + dialled);
        }
    }

    private final Path workDir;
    private final int sipPort;
    private final int corePort;
    private final Supplier<String> serverLog;

    SippExchange(Path workDir, ServerProcess server) {
        this(workDir, server.sipPort, server.corePort, server::logTail);
    }

    /**
     * Through whatever takes the callers' INVITEs on {@code sipPort} (a cluster's Kamailio) and sends the callees'
     * legs to {@code corePort}; {@code serverLog} is shown when the exchange fails.
     */
    SippExchange(Path workDir, int sipPort, int corePort, Supplier<String> serverLog) {
        this.workDir = workDir;
        this.sipPort = sipPort;
        this.corePort = corePort;
        this.serverLog = serverLog;
    }

    static Part core(String scenario, String... variables) {
        return new Part(scenario, null, Duration.ZERO, List.of(), variables, -1);
    }

    static Part caller(String scenario, String dialled, String... variables) {
        return new Part(scenario, dialled, Duration.ZERO, List.of(), variables, -1);
    }

    /** Runs the core side, then every caller at its moment, concurrently; fails unless all of them passed. */
    void run(Part core, Part... callers) throws Exception {
        List<String> failures = new ArrayList<>();
        StringBuilder outputs = new StringBuilder();
        Sipp.Result coreResult;
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, callers.length));
        try (Sipp.Uas uas = Sipp.serve(workDir, core.scenario(), corePort, 10, Duration.ofSeconds(60),
                core.variables())) {
            long begin = System.nanoTime();
            List<CompletableFuture<Sipp.Result>> running = new ArrayList<>();
            for (Part caller : callers) {
                running.add(CompletableFuture.supplyAsync(() -> play(caller, begin), threads));
            }
            for (int i = 0; i < callers.length; i++) {
                Sipp.Result result = running.get(i).join();
                outputs.append("--- caller ").append(callers[i].name()).append(" (exit ").append(result.exitCode())
                        .append(") ---\n").append(result.output()).append('\n');
                if (!result.passed()) {
                    failures.add(callers[i].name() + " failed (exit " + result.exitCode() + ")");
                }
            }
            Thread.sleep(STRAY_WINDOW.toMillis());
            coreResult = uas.stop(Duration.ofSeconds(15));
        } finally {
            threads.shutdownNow();
        }
        outputs.append("--- core (exit ").append(coreResult.exitCode()).append(") ---\n")
                .append(coreResult.output()).append('\n');
        if (!coreResult.passed()) {
            failures.add(core.scenario() + " on the core port failed (exit " + coreResult.exitCode() + ")");
        }
        if (core.calls() >= 0 && incomingCalls(coreResult.output()) != core.calls()) {
            failures.add(core.scenario() + " on the core port had " + incomingCalls(coreResult.output())
                    + " calls, " + core.calls() + " expected");
        }
        if (!failures.isEmpty()) {
            fail(String.join("; ", failures) + "\n" + outputs + "--- server log ---\n" + serverLog.get());
        }
    }

    /** SIPp's count of the calls that came to it, from its last statistics screen; -1 when it printed none. */
    private static int incomingCalls(String output) {
        Matcher counts = INCOMING_CALLS.matcher(output);
        int calls = -1;
        while (counts.find()) {
            calls = Integer.parseInt(counts.group(1));
        }
        return calls;
    }

    private Sipp.Result play(Part caller, long begin) {
        try {
            long wait = caller.startAt().toNanos() - (System.nanoTime() - begin);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return Sipp.call(workDir, caller.scenario(), sipPort, caller.dialled(), caller.options(),
                    caller.variables());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }
}
