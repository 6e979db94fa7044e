package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11, defects 1 and 4, from the outside: a callee's terminating services apply whichever form the caller
 * dialled its number in (local 7 digits in Almaty, 6 in Astana, {@code 8} + area, {@code +7...}, {@code tel:},
 * {@code sip:} with {@code user=phone}), the onward leg carries the number in E.164, and every URI the server
 * writes names the operator's home domain ({@code sip.homeDomain}), or is a {@code tel:} URI when the call came in
 * with one. The packaged server runs the README's way with a home domain configured; SIPp plays the caller and
 * the core (core-forwarded.xml checks 181, History-Info and Diversion; the test then reads the onward INVITE the
 * core received).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DialledFormsEndToEndTest {

    private static final String HOME_DOMAIN = "ims.btcom.kz";
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
        Path config = Files.writeString(workDir.resolve("home-domain.yaml"), "sip:\n  homeDomain: " + HOME_DOMAIN + "\n");
        server = ServerProcess.start(workDir, corePort, "--config", config.toString());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "B dialled as {0}")
    @CsvSource({
            "sip:2777402@[remote_ip]:[remote_port]",                 // local, 7 digits: the caller is in Almaty
            "sip:87272777402@[remote_ip]:[remote_port]",             // 8 + area code + number
            "sip:77272777402@[remote_ip]:[remote_port];user=phone",  // country code without '+'
            "sip:+77272777402@[remote_ip]:[remote_port];user=phone", // E.164, sip: with user=phone
            "tel:+77272777402",                                      // E.164, tel:
    })
    void unconditionalForwardingAppliesWhicheverFormWasDialled(String dialled) throws Exception {
        String a = "77272777401";
        String b = "77272777402";
        String c = "77272777403";
        provision(a, "");
        provision(b, "\"unconditional\": \"+" + c + "\"");
        provision(c, "");

        String invite = forwardedCall(a, b, c, dialled);

        boolean tel = dialled.startsWith("tel:");
        String targetUri = tel ? "tel:+" + c : "sip:+" + c + "@" + HOME_DOMAIN + ";user=phone";
        assertEquals("INVITE " + targetUri + " SIP/2.0", invite.lines().findFirst().orElseThrow(),
                "the forwarded leg calls C in E.164, in the form the call came in with, in the home domain");
        String forwarder = tel ? "tel:+" + b : "sip:+" + b + "@" + HOME_DOMAIN + ";user=phone";
        assertEquals("<" + forwarder + ">;reason=unconditional;counter=1", header(invite, "Diversion"));
        // Its first entry is the Request-URI the server received when that was B in E.164, else B as the server writes it.
        assertTrue(header(invite, "History-Info").matches("<(sip|tel):\\+" + b + "[@;>].*;index=1,.*"),
                "History-Info begins with B in E.164, whichever form was dialled: " + header(invite, "History-Info"));
    }

    @Test
    void anAstanaCallersSixDigitNumberIsAnAstanaLineWithItsServices() throws Exception {
        String a = "77172555411";
        String b = "77172555412";
        String c = "77272777413";
        provision(a, "");
        provision(b, "\"unconditional\": \"+" + c + "\"");
        provision(c, "");

        String invite = forwardedCall(a, b, c, "sip:555412@[remote_ip]:[remote_port]");

        assertEquals("INVITE sip:+" + c + "@" + HOME_DOMAIN + ";user=phone SIP/2.0", invite.lines().findFirst().orElseThrow());
    }

    @Test
    void aLocalNumberDialledToALineWithoutForwardingGoesOnInE164() throws Exception {
        String a = "77272777421";
        String b = "77272777422";
        provision(a, "");
        provision(b, "");

        String invite = answeredCall(caller("sip:2777422@[remote_ip]:[remote_port]"), a, b);

        assertEquals("INVITE sip:+" + b + "@" + HOME_DOMAIN + ";user=phone SIP/2.0", invite.lines().findFirst().orElseThrow());
    }

    @Test
    void aLocalNumberFromAnAnonymousCallerOutsideGoesOnAsDialled() throws Exception {
        String b = "77272777432";
        provision(b, "\"unconditional\": \"+77272777433\"");

        String anonymous = caller("sip:2777432@[remote_ip]:[remote_port]")
                .replace("From: <sip:+[$caller]@[local_ip];user=phone>", "From: \"Anonymous\" <sip:anonymous@anonymous.invalid>")
                .replaceAll("(?m)^ *P-Asserted-Identity:.*\\R", "");
        String invite = answeredCall(anonymous, "77272999000", "2777432");

        assertTrue(invite.startsWith("INVITE sip:2777432@"), "no area to place it: as dialled, not forwarded\n" + invite);
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** A caller {@code a} dials {@code dialled}, B forwards unconditionally to C: core-forwarded.xml must pass. */
    private static String forwardedCall(String a, String b, String c, String dialled) throws Exception {
        Path scenario = scenarioFile("uac-forwarded.xml", dialled);
        return run(Sipp.serve(workDir, "core-forwarded.xml", corePort, 5, Duration.ofSeconds(60),
                "served", b, "target", c, "reason", "unconditional", "cause", "302"), scenario, a);
    }

    /** The call reaches the core addressed to {@code callee} (its digits as the core sees them) and is answered. */
    private static String answeredCall(String callerScenario, String callerNumber, String callee) throws Exception {
        Path scenario = Files.writeString(workDir.resolve("uac-" + System.nanoTime() + ".xml"), callerScenario,
                StandardCharsets.ISO_8859_1);
        return run(Sipp.serve(workDir, "core-answer.xml", corePort, 5, Duration.ofSeconds(60), "callee", callee),
                scenario, callerNumber);
    }

    /** uac-answered.xml with the Request-URI (and To) in the form given. */
    private static String caller(String dialled) throws Exception {
        return Files.readString(scenarioFile("uac-answered.xml", dialled), StandardCharsets.ISO_8859_1);
    }

    private static Path scenarioFile(String shipped, String dialled) throws Exception {
        String text = Files.readString(Repository.root().resolve("loadtest/scenarios").resolve(shipped),
                StandardCharsets.ISO_8859_1);
        String rewritten = text
                .replace("INVITE sip:[service]@[remote_ip]:[remote_port];user=phone SIP/2.0", "INVITE " + dialled + " SIP/2.0")
                .replace("To: <sip:[service]@[remote_ip];user=phone>", "To: <" + dialled + ">");
        assertTrue(!rewritten.equals(text), shipped + " no longer has the Request-URI this test rewrites");
        return Files.writeString(workDir.resolve("dialled-" + System.nanoTime() + "-" + shipped), rewritten,
                StandardCharsets.ISO_8859_1);
    }

    /** Runs the caller against the server while the core side runs; both must pass. The INVITE the core got. */
    private static String run(Sipp.Uas uas, Path callerScenario, String callerNumber) throws Exception {
        List<String> failures = new ArrayList<>();
        Sipp.Result callerResult;
        Sipp.Result coreResult;
        try (uas) {
            callerResult = Sipp.call(workDir, callerScenario.toString(), server.sipPort, "unused", "caller", callerNumber);
            if (!callerResult.passed()) {
                failures.add("caller failed (exit " + callerResult.exitCode() + ")");
            }
            Thread.sleep(STRAY_WINDOW.toMillis());
            coreResult = uas.stop(Duration.ofSeconds(15));
        }
        if (!coreResult.passed()) {
            failures.add("core failed (exit " + coreResult.exitCode() + ")");
        }
        if (!failures.isEmpty()) {
            fail(String.join("; ", failures) + "\n--- caller ---\n" + callerResult.output() + "\n--- core ---\n"
                    + coreResult.output() + "\n--- server log ---\n" + server.logTail());
        }
        Matcher invite = Pattern.compile("(?s)(INVITE [^\\r\\n]+ SIP/2\\.0\\r?\\n.*?)\\r?\\n\\r?\\n")
                .matcher(coreResult.output());
        assertTrue(invite.find(), "the core's messages hold its INVITE:\n" + coreResult.output());
        return invite.group(1).replace("\r", "");
    }

    private static String header(String message, String name) {
        return message.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(l -> l.substring(name.length() + 1).trim()).findFirst().orElse("");
    }

    private static void provision(String number, String forwarding) throws Exception {
        String profile = """
                {"number": "+%s", "status": "active", "pin": "0000",
                 "services": {"clip": true, "forwarding": {"subscribed": true%s}}}
                """.formatted(number, forwarding.isEmpty() ? "" : ", " + forwarding);
        AdminClient.Reply reply = operator.put("/api/v1/subscribers/+" + number, profile);
        assertTrue(reply.status() == 201 || reply.status() == 200, "PUT +" + number + ": " + reply.status() + " " + reply.body());
    }
}
