package kz.btcom.fs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.config.HttpConfig;
import kz.btcom.fs.testing.FakeCallControl;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/v1/calls over real HTTP, from calls that went through the server's call handler (SIP faked) into the
 * real Chronicle journal, rated with the shipped tariffs.
 */
class CallRecordsOverHttpTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final Map<String, String> ENV = Map.of(AccessTokens.ENV,
            OPERATOR + ":operator," + TECHNICIAN + ":technician");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String CALLER = "+77272777888";
    private static final Instant START = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path tempDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private final FakeSipSide sip = new FakeSipSide();
    private FeatureServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void startServer() throws Exception {
        server = FeatureServer.start(ConfigLoader.defaults().withHttp(new HttpConfig(new HostPort("127.0.0.1", 0)))
                .withDataDir(tempDir.resolve("data")), ENV, clock, sip);
    }

    /** A call relayed, answered after 5 s, talking for {@code talk}, then the caller hangs up. */
    private void answeredCall(String callId, String called, Duration talk) {
        CallSetup setup = new CallSetup(callId, call(CALLER, called).caller(), call(CALLER, called).from(),
                call(CALLER, called).called(), Optional.empty(), call(CALLER, called).privacy(),
                call(CALLER, called).trunk(), START, true, "icid-" + callId);
        CallDecision.Relay relay = assertInstanceOf(CallDecision.Relay.class, sip.handler.onNewCall(setup));
        FakeCallControl control = new FakeCallControl(new FakeScheduler(clock));
        relay.leg().events().onRinging(control);
        relay.leg().events().onAnswered(control);
        Instant answered = START.plusSeconds(5);
        sip.handler.onCallEnded(setup, new CallEnd(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLER,
                Optional.of(START.plusSeconds(1)), Optional.of(answered), answered.plus(talk), List.of()));
    }

    private HttpResponse<String> get(String query, String token) throws Exception {
        return fetch("/api/v1/calls?" + query, token);
    }

    private HttpResponse<String> fetch(String pathAndQuery, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpAddress().getPort()
                        + pathAndQuery))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRatedRecordsOfANumberComeBackWithTheFieldsOfTheProductSpecification() throws Exception {
        startServer();
        answeredCall("international@core", "+493012345678", Duration.ofSeconds(61));
        answeredCall("national@core", "+77172555111", Duration.ofSeconds(61));

        HttpResponse<String> response = get("number=%2B77272777888&from=2026-11-25&to=2026-11-26", TECHNICIAN);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode records = new ObjectMapper().readTree(response.body());
        assertEquals(2, records.size(), response.body());
        JsonNode international = records.get(0);
        assertEquals("international@core", international.get("callId").asText());
        assertEquals(CALLER, international.get("caller").asText());
        assertEquals(CALLER, international.get("chargedParty").asText());
        assertEquals("+493012345678", international.get("called").asText());
        assertEquals("international", international.get("class").asText());
        assertEquals("2026-11-25T08:00:00Z", international.get("start").asText());
        assertEquals("2026-11-25T08:00:05Z", international.get("answer").asText());
        assertEquals("2026-11-25T08:01:06Z", international.get("end").asText());
        assertEquals(120, international.get("billedSeconds").asLong(), "61 s: two started minutes");
        assertEquals("150.00", international.get("cost").asText(), "2 x 75.00 to Germany");
        assertEquals("18.00", international.get("vat").asText(), "12 %");
        assertEquals("KZT", international.get("currency").asText());
        assertEquals("icid-international@core", international.get("icid").asText(), "the call's charging identifier");
        assertEquals("call", international.get("kind").asText(), "a leg of a call, not a fee");
        JsonNode national = records.get(1);
        assertEquals("national", national.get("class").asText());
        assertEquals(70, national.get("billedSeconds").asLong(), "61 s: seven started 10 s blocks");
    }

    /**
     * A feature code that worked is a use of a feature charged per use: its fee record (featureCode, 0.00 in the
     * shipped tariffs) comes with the number's call records. The profile is changed, and the use journaled, off
     * the call's thread: the test waits for the record, up to a deadline.
     */
    @Test
    void aFeatureCodeThatWorkedIsAFeeRecordOfTheSubscriber() throws Exception {
        startServer();
        HttpResponse<String> provisioned = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.httpAddress().getPort() + "/api/v1/subscribers/%2B77272777888"))
                .header("Authorization", "Bearer " + OPERATOR).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"services\": {\"forwarding\": {\"subscribed\": true}}}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, provisioned.statusCode(), provisioned.body());

        CallSetup code = call(CALLER, "*21*2777000%23");
        assertInstanceOf(CallDecision.Answer.class, sip.handler.onNewCall(code));

        JsonNode fee = awaitFee("number=%2B77272777888&from=2026-11-25&to=2026-11-26");
        assertEquals(code.callId(), fee.get("callId").asText(), "the code's call");
        assertEquals("featureCode", fee.get("feature").asText());
        assertEquals(CALLER, fee.get("chargedParty").asText());
        assertEquals("fee featureCode", fee.get("tariff").asText());
        assertEquals("0.00", fee.get("cost").asText());
        assertEquals("0.00", fee.get("vat").asText());
        assertEquals("KZT", fee.get("currency").asText());
        assertEquals("2026-11-25T08:00:00Z", fee.get("start").asText(), "when it was used, by the server's clock");
    }

    private JsonNode awaitFee(String query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = get(query, TECHNICIAN).body();
            for (JsonNode record : new ObjectMapper().readTree(body)) {
                if (record.get("kind").asText().equals("fee")) {
                    return record;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no fee record within 10 s: " + body);
    }

    @Test
    void aBadNumberOrTimeIs400AndNoTokenIs401() throws Exception {
        startServer();

        assertEquals(400, get("number=alice", OPERATOR).statusCode());
        assertTrue(get("number=77272777888&from=yesterday", OPERATOR).body().contains("from"));
        assertEquals(401, get("number=77272777888", "wrong-token-0123456789").statusCode());
        assertEquals("[]", get("number=77272777888", OPERATOR).body());
    }

    @Test
    void theItemizedBillOfAMonthIsTheBillCommandsCsvForAnOperatorOnly() throws Exception {
        startServer();
        answeredCall("international@core", "+493012345678", Duration.ofSeconds(61));
        answeredCall("local@core", "+77272555111", Duration.ofSeconds(61));

        HttpResponse<String> bill = fetch("/api/v1/bill?number=%2B77272777888&month=2026-11", OPERATOR);

        assertEquals(200, bill.statusCode(), bill.body());
        assertEquals("text/csv; charset=utf-8", bill.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"bill-77272777888-2026-11.csv\"",
                bill.headers().firstValue("Content-Disposition").orElseThrow());
        List<String> lines = bill.body().lines().toList();
        assertEquals(3, lines.size(), "the header, the international call (the local one is not itemized), the "
                + "totals:\n" + bill.body());
        assertTrue(lines.get(1).startsWith("call,+493012345678,2026-11-25,13:00:00,01:01,120,"), lines.get(1));
        assertEquals("total,,,,,,,150.00,18.00,168.00,KZT", lines.get(2));
        assertEquals(403, fetch("/api/v1/bill?number=77272777888&month=2026-11", TECHNICIAN).statusCode(),
                "bills are the operator's");
        assertEquals(400, fetch("/api/v1/bill?number=77272777888&month=11.2026", OPERATOR).statusCode());
    }

    @Test
    void whoamiNamesTheRoleOfTheToken() throws Exception {
        startServer();

        HttpResponse<String> response = fetch("/api/v1/whoami", TECHNICIAN);

        assertEquals(200, response.statusCode());
        assertEquals("technician", new ObjectMapper().readTree(response.body()).get("role").asText());
    }

    @Test
    void theConsoleIsServedOnTheSameListener() throws Exception {
        startServer();

        HttpResponse<String> page = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.httpAddress().getPort() + "/console")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/console/js/app.js"), page.body());
    }
}
