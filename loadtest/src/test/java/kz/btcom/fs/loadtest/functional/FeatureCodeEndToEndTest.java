package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3 from the outside: an operator provisions a line over HTTP, the subscriber dials feature codes with SIPp,
 * hears the tone as real RTP, the server hangs up, and the profile shows the change. The packaged server is
 * started the README's way; the core is never reached (a feature-code call is not relayed).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FeatureCodeEndToEndTest {

    private static final String SUBSCRIBER = "77272777888";
    private static final String PROFILE = """
            {"number": "+77272777888", "status": "active", "pin": "0000",
             "services": {"clip": true, "clir": false,
                          "callWaiting": {"subscribed": true, "active": false},
                          "forwarding": {"subscribed": true, "unconditional": null, "busy": null,
                                         "noReply": null, "noReplySeconds": 20, "notReachable": null},
                          "barring": {"subscribed": true, "level": 0}}}
            """;

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static RtpReceiver rtp;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        server = ServerProcess.start(workDir, FreePorts.sip());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        rtp = new RtpReceiver();
        AdminClient.Reply created = operator.put("/api/v1/subscribers/+" + SUBSCRIBER, PROFILE);
        assertEquals(201, created.status(), created.body().toString());
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

    /** Dials the code as the subscriber; asserts SIPp saw 200, sent ACK and got the server's BYE within 5 s. */
    private static List<RtpReceiver.Packet> dial(String code) throws Exception {
        rtp.clear();
        Sipp.Result result = Sipp.call(workDir, "feature-code.xml", server.sipPort, code.replace("#", "%23"),
                "caller", SUBSCRIBER, "rtp_port", String.valueOf(rtp.port()));
        assertTrue(result.passed(), "SIPp failed dialling " + code + ":\n" + result.output()
                + "\n--- server log ---\n" + server.logTail());
        return rtp.packets();
    }

    private static AdminClient.Reply profile() throws Exception {
        AdminClient.Reply reply = operator.get("/api/v1/subscribers/+" + SUBSCRIBER);
        assertEquals(200, reply.status(), reply.body().toString());
        return reply;
    }

    @Test
    void forwardingUnconditionalIsSetByFeatureCodeWithAToneAsRtpAndClearedAgain() throws Exception {
        List<RtpReceiver.Packet> packets = dial("*21*2777000#");

        assertTonePacedAt20Ms(packets);
        assertEquals("+77272777000", profile().body().at("/services/forwarding/unconditional").asText());

        dial("#21#");
        assertTrue(profile().body().at("/services/forwarding/unconditional").isNull());
    }

    @Test
    void barringLevelIsSetWithThePinAndThreeWrongPinsLockIt() throws Exception {
        dial("*34*0000*1#");
        assertEquals(1, profile().body().at("/services/barring/level").asInt());

        for (int i = 0; i < 3; i++) {
            dial("*34*9999*2#");
        }
        dial("*34*0000*2#"); // the right PIN, but changes are locked for 15 minutes
        assertEquals(1, profile().body().at("/services/barring/level").asInt());
    }

    private static void assertTonePacedAt20Ms(List<RtpReceiver.Packet> packets) {
        assertTrue(packets.size() >= 25, "a tone of at least half a second, got " + packets.size() + " packets");
        RtpReceiver.Packet first = packets.get(0);
        assertTrue(first.marker(), "the first packet of the stream has the marker bit");
        for (int i = 0; i < packets.size(); i++) {
            RtpReceiver.Packet p = packets.get(i);
            assertEquals(2, p.version());
            assertEquals(8, p.payloadType(), "PCMA, the first codec of the offer");
            assertEquals(160, p.payloadBytes(), "20 ms of G.711 at 8 kHz");
            assertEquals(first.ssrc(), p.ssrc());
            assertEquals((first.sequence() + i) & 0xFFFF, p.sequence(), "no packet lost or reordered on loopback");
            assertEquals((first.timestamp() + 160L * i) & 0xFFFFFFFFL, p.timestamp());
        }
        double spanMs = (packets.get(packets.size() - 1).arrivalNanos() - first.arrivalNanos()) / 1e6;
        double meanGapMs = spanMs / (packets.size() - 1);
        // Paced, not sent in a burst: the 20 ms itself is in the timestamps above. Arrival times are this test's
        // reading of its socket, which a loaded machine delays and bunches, never spreads: only a lower bound on
        // the spread means anything (a burst of the whole tone arrives within a few milliseconds).
        assertTrue(meanGapMs > 5, "packets paced, not a burst: measured mean gap " + meanGapMs + " ms");
    }
}
