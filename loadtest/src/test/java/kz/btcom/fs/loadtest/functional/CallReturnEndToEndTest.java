package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.loadtest.functional.SippExchange.caller;
import static kz.btcom.fs.loadtest.functional.SippExchange.core;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 6 from the outside: last-caller return (PRODUCT.md "Last-caller return"). The packaged server runs the
 * README's way; an operator provisions the lines over HTTP; SIPp plays the callers (to the server's SIP port) and
 * the core's terminating side (on the server's core port). Someone calls subscriber A and the call is answered and
 * hung up; then A dials {@code *69#} (as the feature-code tests dial codes: {@code #} escaped as {@code %23}), and
 * the server either places the call to that caller as if A had dialled the number (A's own call: A's barring
 * applies, and the billing journal charges A), or, for a caller that withheld its number (or when nobody has called
 * yet), answers A itself with the negative indication tone, heard as real RTP.
 *
 * <p>Every test has numbers of its own (Almaty, +7 727 277 75xx), so none depends on another.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallReturnEndToEndTest {

    private static final String CALL_BACK = "*69%23";

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static SippExchange exchange;
    private static RtpReceiver rtp;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        start(FreePorts.sip());
        rtp = new RtpReceiver();
    }

    private static void start(int corePort) throws Exception {
        server = ServerProcess.start(workDir, corePort);
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        exchange = new SippExchange(workDir, server);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (rtp != null) {
            rtp.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void starSixtyNineCallsTheLastCallerBackFromTheSubscriber() throws Exception {
        String a = "77272777501";
        String x = "77272777502"; // a caller from elsewhere in the network: not a subscriber here
        Profile.line().provision(operator, a);

        exchange.run(core("core-answer.xml", "callee", a).calls(1),
                caller("uac-answered.xml", "+" + a, "caller", x));

        // The onward INVITE is addressed to X and comes from A; the call is A's, billed to A.
        String callId = "call-back-" + a + "@127.0.0.1";
        exchange.run(core("core-call-back.xml", "callee", x, "caller", a).calls(1),
                caller("uac-answered.xml", CALL_BACK, "caller", a).options("-cid_str", callId));

        JsonNode record = callRecord(a, callId);
        assertEquals("+" + a, record.path("caller").asText(), record.toString());
        assertEquals("+" + x, record.path("called").asText(), record.toString());
        assertEquals("+" + a, record.path("chargedParty").asText(), record.toString());
    }

    @Test
    void theCallBackIsBarredAsIfTheSubscriberHadDialledTheNumber() throws Exception {
        String a = "77272777541";
        String x = "4930123456"; // Berlin: international for A, whose barring level 1 bars international calls
        Profile.line().barring(1).provision(operator, a);

        exchange.run(core("core-answer.xml", "callee", a).calls(1),
                caller("uac-answered.xml", "+" + a, "caller", x));

        exchange.run(core("core-no-call.xml"),
                caller("uac-declined.xml", CALL_BACK, "caller", a));
    }

    @Test
    void starSixtyNineAfterAClirCallerGetsTheNegativeToneAndReachesNobody() throws Exception {
        String a = "77272777511";
        String x = "77272777512";
        Profile.line().provision(operator, a);
        Profile.line().clir().provision(operator, x);

        // X withholds its number: A's leg carries no trace of it (the 7 digits of X's line appear nowhere).
        exchange.run(core("core-anonymous.xml", "callee", a, "hidden", x.substring(x.length() - 7)).calls(1),
                caller("uac-answered.xml", "+" + a, "caller", x));

        // A cannot call X back: the server answers, plays the negative indication and hangs up; the core sees nothing.
        rtp.clear();
        exchange.run(core("core-no-call.xml"),
                caller("feature-code.xml", CALL_BACK, "caller", a, "rtp_port", String.valueOf(rtp.port())));
        ToneCadence.assertHeard(ToneCadence.NEGATIVE, rtp.packets());
    }

    @Test
    void starSixtyNineWithNoCallerYetGetsTheNegativeTone() throws Exception {
        String a = "77272777521";
        Profile.line().provision(operator, a);

        rtp.clear();
        exchange.run(core("core-no-call.xml"),
                caller("feature-code.xml", CALL_BACK, "caller", a, "rtp_port", String.valueOf(rtp.port())));
        ToneCadence.assertHeard(ToneCadence.NEGATIVE, rtp.packets());
    }

    @Test
    void theLastCallerIsRememberedAcrossARestartOfTheServer() throws Exception {
        String a = "77272777531";
        String x = "77272777532";
        Profile.line().provision(operator, a);

        exchange.run(core("core-answer.xml", "callee", a).calls(1),
                caller("uac-answered.xml", "+" + a, "caller", x));

        // Stopped as an operator stops it (SIGTERM), started again on the same data directory.
        int corePort = server.corePort;
        server.close();
        start(corePort);

        exchange.run(core("core-call-back.xml", "callee", x, "caller", a).calls(1),
                caller("uac-answered.xml", CALL_BACK, "caller", a));
    }

    /**
     * The billing journal's record of call {@code callId}, among those of {@code number} (GET /calls); not the fee
     * of the {@code *69#} that made the call, which has its Call-ID too.
     */
    private static JsonNode callRecord(String number, String callId) throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/calls?number=%2B" + number);
        assertEquals(200, reply.status(), reply.body().toString());
        for (JsonNode record : reply.body()) {
            if (record.path("callId").asText().equals(callId) && record.path("kind").asText().equals("call")) {
                return record;
            }
        }
        return fail("no call record " + callId + " among those of +" + number + ": " + reply.body());
    }
}
