package kz.btcom.fs.admin.traces;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.admin.AdminHttpServer;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.api.ApiV1;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.config.HostPort;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import kz.btcom.fs.time.Scheduler;
import kz.btcom.fs.trace.SipTraces;
import kz.btcom.fs.trace.audit.AuditEntry;
import kz.btcom.fs.trace.audit.JdbcTraceAudit;
import kz.btcom.fs.trace.audit.TraceAudit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The technicians' trace API as a technician's tools use it: real HTTP on a loopback port, the real embedded
 * database for the audit, real capture files; the SIP side is the tap, fed by the test; time is a fake clock.
 */
class TraceApiOverHttpTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final AccessTokens TOKENS = AccessTokens.of(Map.of(OPERATOR, kz.btcom.fs.access.Role.OPERATOR,
            TECHNICIAN, kz.btcom.fs.access.Role.TECHNICIAN), "test");
    private static final String TECHNICIAN_ID = TOKENS.authenticate(TECHNICIAN).orElseThrow().tokenId();
    private static final String TRACED = "+77272777888";
    private static final String CALLER = "+77272345678";
    private static final String OTHER = "+77272999999";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final InetSocketAddress CORE = new InetSocketAddress("127.0.0.1", 5070);
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5060);

    @TempDir
    Path dataDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private final FakeScheduler fakeScheduler = new FakeScheduler(clock);
    /** The HTTP workers schedule, the test advances: one lock between them. */
    private final Scheduler scheduler = (delay, task) -> {
        synchronized (fakeScheduler) {
            return fakeScheduler.schedule(delay, task);
        }
    };
    private final InMemoryMaliciousCallRecords malicious = new InMemoryMaliciousCallRecords();
    private final AtomicBoolean auditFails = new AtomicBoolean();
    private Database database;
    private SubscriberDirectory subscribers;
    private SipTraces traces;
    private AdminHttpServer server;

    @BeforeEach
    void start() throws Exception {
        database = SubscriberStores.openDatabase(StoreSettings.defaults(), dataDir);
        subscribers = SubscriberDirectory.load(SubscriberStores.on(database), StoreSettings.defaults());
        traces = SipTraces.open(dataDir, NumberingPlan.builtIn(), clock, scheduler);
        JdbcTraceAudit stored = new JdbcTraceAudit(database);
        TraceAudit audit = new TraceAudit() {
            @Override
            public void record(AuditEntry entry) {
                if (auditFails.get()) {
                    throw new StoreException("writing the trace audit failed: the disk is full", null);
                }
                stored.record(entry);
            }

            @Override
            public List<AuditEntry> between(Instant from, Instant to, int limit) {
                return stored.between(from, to, limit);
            }
        };
        CallRecordsEndpoint noCalls = new CallRecordsEndpoint((number, from, to) -> List.of(),
                NumberingPlan.builtIn(), clock);
        server = AdminHttpServer.start(new HostPort("127.0.0.1", 0), AdminRoutes.create(new Health(),
                new PrometheusRegistry(), ApiV1.routes(TOKENS, subscribers, NumberingPlan.builtIn(), noCalls,
                        new TraceSources(traces, malicious, audit, clock))));
    }

    @AfterEach
    void stop() {
        server.close();
        traces.close();
        subscribers.close(); // and the database with it
    }

    private HttpResponse<byte[]> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.address().getPort() + "/api/v1" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    private HttpResponse<byte[]> startCapture(String body) throws Exception {
        return send("POST", "/traces/sip", TECHNICIAN, "application/json", body);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JsonBody.read(response.body(), "the response");
    }

    private static String error(HttpResponse<byte[]> response) {
        return json(response).get("error").textValue();
    }

    private List<JsonNode> audit() throws Exception {
        HttpResponse<byte[]> response = get("/traces/audit", TECHNICIAN);
        assertEquals(200, response.statusCode());
        List<JsonNode> entries = new ArrayList<>();
        json(response).forEach(entries::add);
        return entries;
    }

    private static SipIdentity tel(String number) {
        return new SipIdentity("tel:" + number, number, "", "", SipIdentity.Kind.TEL, "");
    }

    private CapturedSipMessage message(String callId, boolean initial, String from, String to, String text) {
        String sip = text + "\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + callId.hashCode() + "\r\n"
                + "From: <tel:" + from + ">;tag=1\r\nTo: <tel:" + to + ">\r\nCall-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        return new CapturedSipMessage(clock.instant(), "udp", initial ? CORE : SERVER, initial ? SERVER : CORE,
                callId, initial, initial ? List.of(tel(to), tel(from), tel(to)) : List.of(),
                sip.getBytes(StandardCharsets.UTF_8));
    }

    private void call(String callId, String from, String to) {
        traces.onMessage(message(callId, true, from, to, "INVITE tel:" + to + " SIP/2.0\r\nMax-Forwards: 70"));
        traces.onMessage(message(callId, false, from, to, "SIP/2.0 180 Ringing"));
        traces.onMessage(message(callId, false, from, to, "SIP/2.0 200 OK"));
    }

    @Test
    void aTechnicianCapturesANumbersCallsAndDownloadsThemWhileTheCaptureRuns() throws Exception {
        HttpResponse<byte[]> started = startCapture("{\"number\": \"+77272777888\", \"seconds\": 60}");

        assertEquals(201, started.statusCode(), new String(started.body(), StandardCharsets.UTF_8));
        JsonNode capture = json(started);
        String id = capture.get("id").textValue();
        assertTrue(id.matches("[0-9a-f]{32}"), id);
        assertEquals(TRACED, capture.get("number").textValue());
        assertEquals(60, capture.get("seconds").intValue());
        assertEquals("2026-11-25T08:00:00Z", capture.get("startedAt").textValue());
        assertEquals("2026-11-25T08:01:00Z", capture.get("endsAt").textValue());
        assertEquals("/api/v1/traces/sip/" + id, started.headers().firstValue("Location").orElseThrow());

        call("traced-call@core", CALLER, TRACED);
        call("other-call@core", CALLER, OTHER);
        HttpResponse<byte[]> pcap = get("/traces/sip/" + id, TECHNICIAN);

        assertEquals(200, pcap.statusCode());
        assertEquals("application/vnd.tcpdump.pcap", pcap.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"" + id + ".pcap\"",
                pcap.headers().firstValue("Content-Disposition").orElseThrow());
        Path downloaded = dataDir.resolve("downloaded.pcap");
        Files.write(downloaded, pcap.body());
        kz.btcom.fs.trace.Tshark.ensureInstalled();
        List<String> listed = kz.btcom.fs.trace.Tshark.sipMessages(downloaded);
        System.out.println("tshark -r downloaded.pcap -Y sip -T fields -e sip.Call-ID -e sip.Method"
                + " -e sip.Status-Code:\n" + String.join("\n", listed));
        assertEquals(List.of("traced-call@core\tINVITE\t", "traced-call@core\t\t180", "traced-call@core\t\t200"),
                listed, "the traced number's call, and nothing of the other number's");
    }

    @Test
    void everyTraceCallIsAuditedWithTheTokenIdWhatAndTheStatus() throws Exception {
        String id = json(startCapture("{\"number\": \"77272777888\", \"seconds\": 30}")).get("id").textValue();
        clock.advance(Duration.ofSeconds(5));
        get("/traces/sip/" + id, TECHNICIAN);
        get("/traces/sip/0123456789abcdef0123456789abcdef", TECHNICIAN);
        get("/traces/malicious?victim=%2B77272777888&from=2026-11-01T00:00:00Z", TECHNICIAN);

        List<JsonNode> entries = audit();

        assertEquals(4, entries.size(), entries.toString());
        JsonNode start = entries.get(0);
        assertEquals(TECHNICIAN_ID, start.get("tokenId").textValue());
        assertFalse(start.toString().contains(TECHNICIAN), "the token itself is never in the audit");
        assertEquals("technician", start.get("role").textValue());
        assertEquals("2026-11-25T08:00:00Z", start.get("at").textValue());
        assertEquals("POST", start.get("method").textValue());
        assertEquals("/api/v1/traces/sip", start.get("path").textValue());
        assertEquals(id, start.get("captureId").textValue());
        assertEquals(TRACED, start.get("number").textValue());
        assertEquals(201, start.get("status").intValue());
        JsonNode read = entries.get(1);
        assertEquals("2026-11-25T08:00:05Z", read.get("at").textValue());
        assertEquals("/api/v1/traces/sip/" + id, read.get("path").textValue());
        assertEquals(id, read.get("captureId").textValue());
        assertEquals(TRACED, read.get("number").textValue());
        assertEquals(200, read.get("status").intValue());
        assertEquals(404, entries.get(2).get("status").intValue());
        assertEquals("0123456789abcdef0123456789abcdef", entries.get(2).get("captureId").textValue());
        JsonNode records = entries.get(3);
        assertEquals("/api/v1/traces/malicious", records.get("path").textValue());
        assertEquals("from=2026-11-01T00:00:00Z&victim=+77272777888", records.get("query").textValue());
        assertEquals(TRACED, records.get("number").textValue());
        assertTrue(records.get("captureId").isNull());

        List<JsonNode> again = audit();
        assertEquals(5, again.size(), "reading the audit is audited too");
        assertEquals("/api/v1/traces/audit", again.get(4).get("path").textValue());
    }

    @Test
    void anOperatorTokenGets403AndNoTokenGets401OnEveryTraceCall() throws Exception {
        String id = json(startCapture("{\"number\": \"+77272777888\", \"seconds\": 30}")).get("id").textValue();
        List<String[]> calls = List.of(new String[] {"POST", "/traces/sip"}, new String[] {"GET", "/traces/sip"},
                new String[] {"GET", "/traces/sip/" + id}, new String[] {"GET", "/traces/malicious"},
                new String[] {"GET", "/traces/audit"});

        for (String[] call : calls) {
            String body = call[0].equals("POST") ? "{\"number\": \"+77272777888\", \"seconds\": 30}" : null;
            HttpResponse<byte[]> operator = send(call[0], call[1], OPERATOR, "application/json", body);
            assertEquals(403, operator.statusCode(), call[1]);
            assertTrue(error(operator).contains("technician"), error(operator));
            HttpResponse<byte[]> anonymous = send(call[0], call[1], null, "application/json", body);
            assertEquals(401, anonymous.statusCode(), call[1]);
            assertTrue(json(anonymous).get("error").isTextual());
        }
        assertEquals(1, traces.list().size(), "the operator started nothing");
        List<Integer> statuses = audit().stream().map(entry -> entry.get("status").intValue()).toList();
        assertEquals(List.of(201, 403, 401, 403, 401, 403, 401, 403, 401, 403, 401), statuses,
                "the start, then each refusal, audited");
    }

    @Test
    void refusalsOfTheTokenCheckAreAuditedWithWhoAndFromWhere() throws Exception {
        get("/traces/malicious?victim=%2B77272777888", null);
        get("/traces/sip", OPERATOR);
        get("/traces/sip", "nobody-configured-this-token");

        List<JsonNode> entries = audit();

        assertEquals(3, entries.size(), entries.toString());
        JsonNode anonymous = entries.get(0);
        assertEquals(401, anonymous.get("status").intValue());
        assertTrue(anonymous.get("tokenId").isNull());
        assertTrue(anonymous.get("role").isNull());
        assertEquals("127.0.0.1", anonymous.get("source").textValue());
        assertEquals("GET", anonymous.get("method").textValue());
        assertEquals("/api/v1/traces/malicious", anonymous.get("path").textValue());
        assertEquals("victim=+77272777888", anonymous.get("query").textValue());
        assertEquals("2026-11-25T08:00:00Z", anonymous.get("at").textValue());
        JsonNode operator = entries.get(1);
        assertEquals(403, operator.get("status").intValue());
        assertEquals(TOKENS.authenticate(OPERATOR).orElseThrow().tokenId(), operator.get("tokenId").textValue());
        assertEquals("operator", operator.get("role").textValue());
        assertEquals("127.0.0.1", operator.get("source").textValue());
        JsonNode unknown = entries.get(2);
        assertEquals(401, unknown.get("status").intValue());
        assertTrue(unknown.get("tokenId").textValue().matches("[0-9a-f]{8}"), "the unknown token's id, not itself");
        assertFalse(unknown.toString().contains("nobody-configured"), unknown.toString());
        assertTrue(unknown.get("role").isNull());
    }

    @Test
    void aRefusalWhoseAuditCannotBeWrittenIs503() throws Exception {
        auditFails.set(true);

        HttpResponse<byte[]> refused = get("/traces/sip", OPERATOR);

        assertEquals(503, refused.statusCode());
        assertTrue(error(refused).startsWith("the trace audit cannot be written"), error(refused));
    }

    @Test
    void aBadStartIs400NamingTheField() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"number\": \"+77272777888\", \"seconds\": 60,}", "the body is not valid JSON: ",
                "{\"seconds\": 60}", "number: required",
                "{\"number\": 77272777888, \"seconds\": 60}", "number: must be a string",
                "{\"number\": \"2777-88\", \"seconds\": 60}", "number: \"2777-88\" is not a telephone number",
                "{\"number\": \"+77272777888\"}", "seconds: required",
                "{\"number\": \"+77272777888\", \"seconds\": 0}", "seconds: 0 is out of range 1-3600",
                "{\"number\": \"+77272777888\", \"seconds\": 3601}", "seconds: 3601 is out of range 1-3600",
                "{\"number\": \"+77272777888\", \"seconds\": 1.5}", "seconds: must be a whole number",
                "{\"number\": \"+77272777888\", \"seconds\": \"60\"}", "seconds: must be a whole number",
                "{\"number\": \"+77272777888\", \"seconds\": 60, \"filter\": \"all\"}", "filter: unknown field");

        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<byte[]> response = startCapture(bad.getKey());
            assertEquals(400, response.statusCode(), bad.getKey());
            assertTrue(error(response).startsWith(bad.getValue()), bad.getKey() + " -> " + error(response));
        }
        assertEquals(415, send("POST", "/traces/sip", TECHNICIAN, "text/plain", "{}").statusCode());
        assertEquals(413, startCapture("{\"number\": \"" + " ".repeat(2000) + "\"}").statusCode());
        assertEquals(List.of(), traces.list());
        assertEquals(400, audit().get(0).get("status").intValue(), "refusals are audited too");
    }

    @Test
    void beyondSixteenRunningCapturesTheAnswerIs409() throws Exception {
        for (int i = 0; i < kz.btcom.fs.trace.TraceLimits.DEFAULTS.maxRunning(); i++) {
            assertEquals(201, startCapture("{\"number\": \"+77272777888\", \"seconds\": 60}").statusCode());
        }

        HttpResponse<byte[]> busy = startCapture("{\"number\": \"+77272777888\", \"seconds\": 60}");

        assertEquals(409, busy.statusCode());
        assertTrue(error(busy).startsWith("16 captures are running"), error(busy));
    }

    @Test
    void anUnknownCaptureIs404() throws Exception {
        for (String id : List.of("0123456789abcdef0123456789abcdef", "nope", "..%2F..%2Fsubscribers")) {
            HttpResponse<byte[]> response = get("/traces/sip/" + id, TECHNICIAN);
            assertEquals(404, response.statusCode(), id);
            assertTrue(error(response).startsWith("no "), error(response));
        }
    }

    @Test
    void theCapturesAreListedAndOneEndsAfterItsSeconds() throws Exception {
        String id = json(startCapture("{\"number\": \"+77272777888\", \"seconds\": 10}")).get("id").textValue();
        call("traced-call@core", CALLER, TRACED);

        synchronized (fakeScheduler) {
            fakeScheduler.advance(Duration.ofSeconds(10));
        }
        call("after-the-end@core", CALLER, TRACED);
        get("/traces/sip/" + id, TECHNICIAN); // waits for the writer
        JsonNode list = json(get("/traces/sip", TECHNICIAN));

        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").textValue());
        assertFalse(list.get(0).get("running").booleanValue());
        assertEquals(3, list.get(0).get("messages").intValue());
        assertEquals(0, list.get(0).get("dropped").intValue());
        assertEquals(TECHNICIAN_ID, list.get(0).get("startedBy").textValue());
    }

    @Test
    void maliciousCallRecordsAreServedByVictimAndTime() throws Exception {
        malicious.add(new MaliciousCallRecord(TRACED, "+77012345678", "sip:+77012345678@core;user=phone", true,
                "flagged-1@core", Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:03:00Z"),
                new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg-kcell", "kcell.kz")));
        malicious.add(new MaliciousCallRecord(TRACED, "+77272345678", "tel:+77272345678", false, "flagged-2@core",
                Instant.parse("2026-09-01T10:00:00Z"), Instant.parse("2026-09-01T10:01:00Z"),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77272345678", "")));
        malicious.add(new MaliciousCallRecord(OTHER, "+77272345678", "tel:+77272345678", false, "flagged-3@core",
                Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:01:00Z"),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77272345678", "")));

        JsonNode recent = json(get("/traces/malicious?victim=77272777888", TECHNICIAN));
        assertEquals(1, recent.size(), "the last 30 days by default: " + recent);
        JsonNode record = recent.get(0);
        assertEquals(TRACED, record.get("victim").textValue());
        assertEquals("+77012345678", record.get("callerNumber").textValue());
        assertEquals("sip:+77012345678@core;user=phone", record.get("callerUri").textValue());
        assertTrue(record.get("callerRestricted").booleanValue());
        assertEquals("flagged-1@core", record.get("callId").textValue());
        assertEquals("2026-11-20T10:00:00Z", record.get("callStart").textValue());
        assertEquals("2026-11-20T10:03:00Z", record.get("flaggedAt").textValue());
        assertEquals("trunkGroup", record.at("/origin/type").textValue());
        assertEquals("tg-kcell", record.at("/origin/value").textValue());
        assertEquals("kcell.kz", record.at("/origin/trunkContext").textValue());

        JsonNode all = json(get("/traces/malicious?from=2026-08-01T00:00:00Z&to=2026-12-01T00:00:00Z", TECHNICIAN));
        assertEquals(List.of("flagged-2@core", "flagged-1@core", "flagged-3@core"),
                List.of(all.get(0).get("callId").textValue(), all.get(1).get("callId").textValue(),
                        all.get(2).get("callId").textValue()));
        assertTrue(all.get(0).at("/origin/trunkContext").isNull());
        assertEquals("callingNumber", all.get(0).at("/origin/type").textValue());
        assertEquals(1, json(get("/traces/malicious?victim=+77272999999&from=2026-11-01T00:00:00Z", TECHNICIAN))
                .size(), "a + left as is in the query is still a +");
    }

    @Test
    void aBadMaliciousCallQueryIs400() throws Exception {
        Map<String, String> cases = Map.of(
                "victim=abc", "victim: \"abc\" is not a telephone number",
                "from=yesterday", "from: \"yesterday\" is not an ISO-8601 UTC time",
                "to=2026-13-01T00:00:00Z", "to: \"2026-13-01T00:00:00Z\" is not an ISO-8601 UTC time",
                "from=2026-11-25T08:00:00Z&to=2026-11-01T00:00:00Z", "from 2026-11-25T08:00:00Z is not before to",
                "caller=%2B77272345678", "unknown query parameter \"caller\"",
                "limit=0", "limit: 0 is out of range 1-1000");

        for (Map.Entry<String, String> bad : cases.entrySet()) {
            HttpResponse<byte[]> response = get("/traces/malicious?" + bad.getKey(), TECHNICIAN);
            assertEquals(400, response.statusCode(), bad.getKey());
            assertTrue(error(response).startsWith(bad.getValue()), bad.getKey() + " -> " + error(response));
        }
        assertEquals(400, get("/traces/audit?from=noon", TECHNICIAN).statusCode());
    }

    @Test
    void whenTheAuditCannotBeWrittenNoDataIsGivenAndNoCaptureStarts() throws Exception {
        String id = json(startCapture("{\"number\": \"+77272777888\", \"seconds\": 60}")).get("id").textValue();
        call("traced-call@core", CALLER, TRACED);
        auditFails.set(true);

        HttpResponse<byte[]> download = get("/traces/sip/" + id, TECHNICIAN);
        HttpResponse<byte[]> start = startCapture("{\"number\": \"+77272999999\", \"seconds\": 60}");
        HttpResponse<byte[]> records = get("/traces/malicious", TECHNICIAN);

        for (HttpResponse<byte[]> refused : List.of(download, start, records)) {
            assertEquals(503, refused.statusCode());
            assertTrue(error(refused).startsWith("the trace audit cannot be written"), error(refused));
            assertEquals("5", refused.headers().firstValue("Retry-After").orElseThrow());
        }
        assertEquals(List.of(id), traces.list().stream().map(c -> c.id()).toList(), "the second was discarded");
        auditFails.set(false);
        assertEquals(1, audit().size(), "the start before the failure, and nothing of what was refused");
    }
}
