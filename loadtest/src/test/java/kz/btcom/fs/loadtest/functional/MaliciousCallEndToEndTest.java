package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static kz.btcom.fs.loadtest.functional.SippExchange.caller;
import static kz.btcom.fs.loadtest.functional.SippExchange.core;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 from the outside: malicious call identification (TS 24.616; PRODUCT.md "Malicious call identification").
 * The packaged server runs the README's way; an operator provisions the victim over HTTP; SIPp plays the caller
 * (to the server's SIP port) and the core's terminating side (on the server's core port). A call reaches subscriber
 * V and is answered and hung up; V dials {@code *39#} (as the feature-code tests dial codes) and hears the positive
 * indication tone as real RTP, nothing else (the core sees no call), or V keys {@code *39#} during the call (DTMF in
 * INFO requests, which the caller never gets); a technician then reads the record over HTTP
 * ({@code GET /api/v1/traces/malicious?victim=}), which an operator may not.
 *
 * <p>Every test has numbers of its own (Almaty, +7 727 277 76xx), so none depends on another. Each flagged call
 * has a Call-ID the test chose (SIPp's -cid_str), which the record must name.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MaliciousCallEndToEndTest {

    private static final String FLAG = "*39%23";

    @TempDir
    static Path workDir;

    private static ServerProcess server;
    private static AdminClient operator;
    private static AdminClient technician;
    private static SippExchange exchange;
    private static RtpReceiver rtp;

    @BeforeAll
    static void startServer() throws Exception {
        Repository.requireBuiltJar();
        Sipp.ensureInstalled();
        server = ServerProcess.start(workDir, FreePorts.sip());
        operator = server.admin(ServerProcess.OPERATOR_TOKEN);
        technician = server.admin(ServerProcess.TECHNICIAN_TOKEN);
        exchange = new SippExchange(workDir, server);
        rtp = new RtpReceiver();
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
    void aCallFromAnIpTrunkIsRecordedWithItsTrunkGroupForTechniciansOnly() throws Exception {
        String v = "77272777601";
        String caller = "77172555198"; // Astana, over the trunk group tg-astana-7
        String callId = "mcid-trunk-" + v + "@127.0.0.1";
        Profile.line().provision(operator, v);

        exchange.run(core("core-answer.xml", "callee", v).calls(1),
                caller("uac-trunk.xml", "+" + v, "caller", caller, "tgrp", "tg-astana-7",
                        "trunk_context", "btcom.kz").options("-cid_str", callId));
        flagTheLastCall(v);

        JsonNode record = theOnlyRecordOf(v);
        assertEquals("+" + v, record.path("victim").asText(), record.toString());
        assertEquals(callId, record.path("callId").asText(), record.toString());
        assertEquals("+" + caller, record.path("callerNumber").asText(), record.toString());
        assertFalse(record.path("callerRestricted").asBoolean(true), record.toString());
        assertEquals("trunkGroup", record.path("origin").path("type").asText(), record.toString());
        assertEquals("tg-astana-7", record.path("origin").path("value").asText(), record.toString());
        assertEquals("btcom.kz", record.path("origin").path("trunkContext").asText(), record.toString());
        Instant callStart = Instant.parse(record.path("callStart").asText());
        Instant flaggedAt = Instant.parse(record.path("flaggedAt").asText());
        assertTrue(!flaggedAt.isBefore(callStart), "flagged after the call started: " + record);

        AdminClient.Reply asOperator = operator.get(maliciousCallsOf(v));
        assertEquals(403, asOperator.status(), "an operator token must not read traces: " + asOperator.body());
    }

    @Test
    void aClirCallerIsRecordedWithItsRealNumber() throws Exception {
        String v = "77272777611";
        String x = "77272777612";
        String callId = "mcid-clir-" + v + "@127.0.0.1";
        Profile.line().provision(operator, v);
        Profile.line().clir().provision(operator, x);

        // X withholds its number: V's leg carries no trace of it (the 7 digits of X's line appear nowhere).
        exchange.run(core("core-anonymous.xml", "callee", v, "hidden", x.substring(x.length() - 7)).calls(1),
                caller("uac-answered.xml", "+" + v, "caller", x).options("-cid_str", callId));
        flagTheLastCall(v);

        JsonNode record = theOnlyRecordOf(v);
        assertEquals("+" + v, record.path("victim").asText(), record.toString());
        assertEquals(callId, record.path("callId").asText(), record.toString());
        assertEquals("+" + x, record.path("callerNumber").asText(), record.toString());
        assertTrue(record.path("callerRestricted").asBoolean(false), record.toString());
        assertEquals("callingNumber", record.path("origin").path("type").asText(), record.toString());
        assertEquals("+" + x, record.path("origin").path("value").asText(), record.toString());
    }

    @Test
    void aTrunkGroupGivenAsParametersOfTheContactUriIsRecordedToo() throws Exception {
        String v = "77272777621";
        String caller = "77172555196";
        Profile.line().provision(operator, v);

        exchange.run(core("core-answer.xml", "callee", v).calls(1),
                caller("uac-trunk.xml", "+" + v, "caller", caller, "tgrp", "tg-astana-8",
                        "trunk_context", "btcom.kz", "on", "contact-uri"));
        flagTheLastCall(v);

        JsonNode origin = theOnlyRecordOf(v).path("origin");
        assertEquals("trunkGroup", origin.path("type").asText(), origin.toString());
        assertEquals("tg-astana-8", origin.path("value").asText(), origin.toString());
        assertEquals("btcom.kz", origin.path("trunkContext").asText(), origin.toString());
    }

    @Test
    void aTrunkGroupOnTheFromUriIsRecordedToo() throws Exception {
        String v = "77272777631";
        String caller = "77172555197";
        Profile.line().provision(operator, v);

        exchange.run(core("core-answer.xml", "callee", v).calls(1),
                caller("uac-trunk.xml", "+" + v, "caller", caller, "tgrp", "tg-astana-9",
                        "trunk_context", "btcom.kz", "on", "from"));
        flagTheLastCall(v);

        JsonNode origin = theOnlyRecordOf(v).path("origin");
        assertEquals("trunkGroup", origin.path("type").asText(), origin.toString());
        assertEquals("tg-astana-9", origin.path("value").asText(), origin.toString());
        assertEquals("btcom.kz", origin.path("trunkContext").asText(), origin.toString());
    }

    @Test
    void starThirtyNineKeyedDuringTheCallFlagsItAndTheCallerHearsNothingOfIt() throws Exception {
        String v = "77272777641";
        String x = "77272777642";
        String callId = "mcid-keyed-" + v + "@127.0.0.1";
        Profile.line().provision(operator, v);

        // V answers and keys *39# as four DTMF INFOs; X talks on for 3 s and must get none of them (uac.xml fails
        // on any request but the BYE's answer).
        exchange.run(core("core-keys-mcid.xml", "callee", v).calls(1),
                caller("uac.xml", "+" + v, "caller", x).options("-d", "3000", "-cid_str", callId));

        JsonNode record = theOnlyRecordOf(v);
        assertEquals(callId, record.path("callId").asText(), record.toString());
        assertEquals("+" + x, record.path("callerNumber").asText(), record.toString());
        assertEquals("callingNumber", record.path("origin").path("type").asText(), record.toString());
    }

    /** V dials *39#: the server answers, plays the positive indication and hangs up; the core sees no call. */
    private static void flagTheLastCall(String v) throws Exception {
        rtp.clear();
        exchange.run(core("core-no-call.xml"),
                caller("feature-code.xml", FLAG, "caller", v, "rtp_port", String.valueOf(rtp.port())));
        ToneCadence.assertHeard(ToneCadence.POSITIVE, rtp.packets());
    }

    private static String maliciousCallsOf(String victim) {
        return "/api/v1/traces/malicious?victim=%2B" + victim;
    }

    /** The technician's read of the victim's records: exactly one. */
    private static JsonNode theOnlyRecordOf(String victim) throws Exception {
        AdminClient.Reply reply = technician.get(maliciousCallsOf(victim));
        assertEquals(200, reply.status(), reply.body().toString());
        assertTrue(reply.body().isArray() && reply.body().size() == 1,
                "one record for +" + victim + ", got " + reply.body());
        return reply.body().get(0);
    }
}
