package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 4 from the outside: forwarding, outgoing barring, suspension and CLIP/CLIR on live calls. The packaged
 * server runs the README's way; an operator provisions lines over HTTP; SIPp plays both sides of the core: the
 * caller (originating side, to the server's SIP port) and, on the server's core port, the terminating side that
 * receives the onward INVITEs. Each scenario checks the headers itself (181, History-Info and Diversion with their
 * reasons, 603, the anonymous From, no P-Asserted-Identity); SIPp's exit status is the verdict, for the caller and
 * for the core. The core side runs for the whole call and is stopped a moment after the caller is done, so an
 * INVITE that should not have come (a loop, a barred call reaching the core) is seen and fails it.
 *
 * <p>Every test has numbers of its own (Almaty, +7 727 277 7xxx), so none depends on another.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForwardingBarringClipEndToEndTest {

    /** How long the core side waits, once the caller is done, for anything that should not come. */
    private static final Duration STRAY_WINDOW = Duration.ofMillis(1000);

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static int corePort;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        corePort = FreePorts.sip();
        server = ServerProcess.start(workDir, corePort);
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ forwarding

    @Test
    void unconditionalForwardingSendsTheCallToTheTargetWith181HistoryInfoAndDiversion() throws Exception {
        String a = "77272777301";
        String b = "77272777302";
        provision(a, line().forwarding("unconditional", b));
        provision(b, line());

        call(core("core-forwarded.xml", "served", a, "target", b, "reason", "unconditional", "cause", "302"),
                caller("uac-forwarded.xml", "+" + a, "caller", "77272777300"));
    }

    @Test
    void forwardingOnBusyTakesTheCalleesOwn486AndTheCallerNeverSeesIt() throws Exception {
        String a = "77272777311";
        String b = "77272777312";
        provision(a, line().forwarding("busy", b));
        provision(b, line());

        call(core("core-forwarded.xml", "served", a, "target", b, "reason", "user-busy", "cause", "486",
                        "first_leg", "busy"),
                caller("uac-forwarded.xml", "+" + a, "caller", "77272777310"));
    }

    @Test
    void forwardingOnNoReplyCancelsTheRingingLegWhenItsFiveSecondTimerRunsOut() throws Exception {
        String a = "77272777321";
        String b = "77272777322";
        provision(a, line().forwarding("noReply", b).noReplySeconds(5));
        provision(b, line());

        call(core("core-forwarded.xml", "served", a, "target", b, "reason", "no-answer", "cause", "408",
                        "first_leg", "no-answer"),
                caller("uac-forwarded.xml", "+" + a, "caller", "77272777320", "ringing_first", "yes"));
    }

    @Test
    void forwardingWhenNotReachableTakesTheCalleesOwn503() throws Exception {
        String a = "77272777331";
        String b = "77272777332";
        provision(a, line().forwarding("notReachable", b));
        provision(b, line());

        call(core("core-forwarded.xml", "served", a, "target", b, "reason", "unavailable", "cause", "503",
                        "first_leg", "unreachable"),
                caller("uac-forwarded.xml", "+" + a, "caller", "77272777330"));
    }

    @Test
    void aForwardingLoopIsCutAfterTheFirstDiversion() throws Exception {
        String a = "77272777341";
        String b = "77272777342";
        provision(a, line().forwarding("unconditional", b));
        provision(b, line().forwarding("unconditional", a));

        // One INVITE reaches the core, to B, with one diversion; the loop back to A (already tried) is not followed.
        call(core("core-forwarded.xml", "served", a, "target", b, "reason", "unconditional", "cause", "302"),
                caller("uac-forwarded.xml", "+" + a, "caller", "77272777340"));
    }

    // -------------------------------------------------------------------------------- barring and suspension

    @Test
    void barringLevelOneDeclinesInternationalCallsAsDialledAndToRussia() throws Exception {
        String x = "77272777351";
        provision(x, line().barring(1));

        call(core("core-no-call.xml"),
                caller("uac-declined.xml", "810493012345678", "caller", x),
                caller("uac-declined.xml", "+79161234567", "caller", x));
    }

    @Test
    void emergencyCallsPassBarringOfAllOutgoingCalls() throws Exception {
        String x = "77272777361";
        provision(x, line().barring(4));

        call(core("core-answer.xml", "callee", "112"),
                caller("uac-answered.xml", "112", "caller", x));
    }

    @Test
    void aSuspendedLineReachesEmergencyButNothingElse() throws Exception {
        String x = "77272777362";
        provision(x, line().suspended());

        call(core("core-answer.xml", "callee", "112"),
                caller("uac-answered.xml", "112", "caller", x));
        call(core("core-no-call.xml"),
                caller("uac-declined.xml", "+77272777369", "caller", x));
    }

    // --------------------------------------------------------------------------------------------- CLIP / CLIR

    @Test
    void aClirCallerIsAnonymousToAClipCalleeAndItsNumberIsNowhereInTheCalleesLeg() throws Exception {
        String x = "77272777371";
        String a = "77272777372";
        provision(x, line().clir());
        provision(a, line());

        // The 7 digits of X's Almaty line: every written form of X's number (+7727..., 8727..., local) has them.
        call(core("core-anonymous.xml", "callee", a, "hidden", x.substring(x.length() - 7)),
                caller("uac-answered.xml", "+" + a, "caller", x));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A SIPp scenario and its -s / -set values. */
    private record Part(String scenario, String dialled, String[] variables) {
    }

    private static Part core(String scenario, String... variables) {
        return new Part(scenario, null, variables);
    }

    private static Part caller(String scenario, String dialled, String... variables) {
        return new Part(scenario, dialled, variables);
    }

    /**
     * Runs the core side on the core port, then each caller in turn against the server; stops the core side
     * {@link #STRAY_WINDOW} after the last caller is done. Both must pass; when one did not, the failure shows
     * both SIPp outputs (the core's with every message it received) and the server's log.
     */
    private static void call(Part core, Part... callers) throws Exception {
        List<String> failures = new ArrayList<>();
        StringBuilder outputs = new StringBuilder();
        Sipp.Result coreResult;
        try (Sipp.Uas uas = Sipp.serve(workDir, core.scenario(), corePort, 5, Duration.ofSeconds(60),
                core.variables())) {
            for (Part caller : callers) {
                Sipp.Result result = Sipp.call(workDir, caller.scenario(), server.sipPort, caller.dialled(),
                        caller.variables());
                outputs.append("--- caller ").append(caller.scenario()).append(" dialling ").append(caller.dialled())
                        .append(" (exit ").append(result.exitCode()).append(") ---\n").append(result.output())
                        .append('\n');
                if (!result.passed()) {
                    failures.add(caller.scenario() + " dialling " + caller.dialled() + " failed (exit "
                            + result.exitCode() + ")");
                }
            }
            Thread.sleep(STRAY_WINDOW.toMillis());
            coreResult = uas.stop(Duration.ofSeconds(15));
        }
        outputs.append("--- core (exit ").append(coreResult.exitCode()).append(") ---\n")
                .append(coreResult.output()).append('\n');
        if (!coreResult.passed()) {
            failures.add(core.scenario() + " on the core port failed (exit " + coreResult.exitCode() + ")");
        }
        if (!failures.isEmpty()) {
            fail(String.join("; ", failures) + "\n" + outputs + "--- server log ---\n" + server.logTail());
        }
    }

    private static void provision(String number, Line line) throws Exception {
        AdminClient.Reply reply = operator.put("/api/v1/subscribers/+" + number, line.json(number));
        assertTrue(reply.status() == 201 || reply.status() == 200,
                "PUT +" + number + ": " + reply.status() + " " + reply.body());
    }

    private static Line line() {
        return new Line();
    }

    /** A subscriber profile (PRODUCT.md "Subscriber profile"): active, CLIP, no CLIR, nothing forwarded or barred. */
    private static final class Line {
        private String status = "active";
        private boolean clir;
        private String unconditional;
        private String busy;
        private String noReply;
        private String notReachable;
        private int noReplySeconds = 20;
        private int barringLevel;

        Line forwarding(String kind, String target) {
            String e164 = "+" + target;
            switch (kind) {
                case "unconditional" -> unconditional = e164;
                case "busy" -> busy = e164;
                case "noReply" -> noReply = e164;
                case "notReachable" -> notReachable = e164;
                default -> throw new IllegalArgumentException(kind);
            }
            return this;
        }

        Line noReplySeconds(int seconds) {
            noReplySeconds = seconds;
            return this;
        }

        Line barring(int level) {
            barringLevel = level;
            return this;
        }

        Line suspended() {
            status = "suspended";
            return this;
        }

        Line clir() {
            clir = true;
            return this;
        }

        String json(String number) {
            return """
                    {"number": "+%s", "status": "%s", "pin": "0000",
                     "services": {"clip": true, "clir": %s,
                                  "callWaiting": {"subscribed": true, "active": false},
                                  "forwarding": {"subscribed": true, "unconditional": %s, "busy": %s,
                                                 "noReply": %s, "noReplySeconds": %d, "notReachable": %s},
                                  "barring": {"subscribed": true, "level": %d}}}
                    """.formatted(number, status, clir, quoted(unconditional), quoted(busy), quoted(noReply),
                    noReplySeconds, quoted(notReachable), barringLevel);
        }

        private static String quoted(String value) {
            return value == null ? "null" : "\"" + value + "\"";
        }
    }
}
