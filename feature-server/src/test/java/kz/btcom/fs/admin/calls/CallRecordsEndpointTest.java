package kz.btcom.fs.admin.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.SampleEvents;
import kz.btcom.fs.billing.query.JournalCallRecords;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /calls} from a real journal, rated with the shipped tariffs (wake-up call 20.00 net, malicious call
 * record and feature code 0.00, VAT 12 %): a number's fees come with its calls' records, each saying which it is.
 */
class CallRecordsEndpointTest {

    private static final String SUBSCRIBER = "+77272777888";
    private static final String OTHER = "+77172123456";
    private static final Principal TECHNICIAN = new Principal("0123abcd", Role.TECHNICIAN);
    private static final Instant WAKE_UP_TIME = Instant.parse("2026-11-25T01:00:00.300Z");

    @TempDir
    Path dataDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T13:00:00Z");
    private ChronicleJournal journal;
    private CallRecordsEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        journal = ChronicleJournal.open(dataDir, clock);
        endpoint = new CallRecordsEndpoint(new JournalCallRecords(journal, new JournalRater(Tariffs.builtIn())),
                NumberingPlan.builtIn(), clock);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    private static JournalEvent.WakeUpCall wakeUp(String callId, String subscriber, Instant at, int attempt,
                                                  WakeUpOutcome outcome) {
        return new JournalEvent.WakeUpCall(callId, at, subscriber, 3, false, WAKE_UP_TIME.minusMillis(300), attempt,
                outcome, "icid-" + callId);
    }

    private List<JsonNode> calls(String... query) throws Exception {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            parameters.put(query[i], List.of(query[i + 1]));
        }
        AdminResponse response = endpoint.list(new AuthenticatedRequest(
                new AdminRequest("GET", "/api/v1/calls", parameters, Map.of(), new byte[0]), TECHNICIAN));
        assertEquals(200, response.status(), response.bodyText());
        List<JsonNode> records = new ArrayList<>();
        new ObjectMapper().readTree(response.bodyText()).forEach(records::add);
        return records;
    }

    @Test
    void aDeliveredWakeUpCallIsAFeeRecordWithItsVatBesideTheCallsRecords() throws Exception {
        journal.write(wakeUp("wake-1@fs", SUBSCRIBER, WAKE_UP_TIME.minusSeconds(300), 1, WakeUpOutcome.BUSY));
        journal.write(wakeUp("wake-2@fs", SUBSCRIBER, WAKE_UP_TIME, 2, WakeUpOutcome.ANSWERED));
        journal.write(wakeUp("wake-3@fs", OTHER, WAKE_UP_TIME, 1, WakeUpOutcome.ANSWERED));
        journal.write(SampleEvents.release("c1@fs", 61_000, true, 0));

        List<JsonNode> records = calls("number", SUBSCRIBER, "from", "2026-11-25", "to", "2026-11-26");

        assertEquals(List.of("fee wake-2@fs", "call c1@fs"),
                records.stream().map(r -> r.get("kind").asText() + " " + r.get("callId").asText()).toList(),
                "journal order; the busy attempt charged nothing and has no record, the other line's is not ours");
        JsonNode fee = records.get(0);
        assertEquals("wakeUpCall", fee.get("feature").asText());
        assertEquals(SUBSCRIBER, fee.get("chargedParty").asText());
        assertEquals(SUBSCRIBER, fee.get("caller").asText());
        assertEquals(SUBSCRIBER, fee.get("called").asText());
        assertTrue(fee.get("class").isNull());
        assertEquals("2026-11-25T01:00:00.300Z", fee.get("start").asText());
        assertTrue(fee.get("answer").isNull());
        assertEquals("2026-11-25T01:00:00.300Z", fee.get("end").asText());
        assertEquals(0, fee.get("billedSeconds").asLong());
        assertEquals("fee wakeUpCall", fee.get("tariff").asText());
        assertEquals("20.00", fee.get("cost").asText());
        assertEquals("2.40", fee.get("vat").asText(), "12 % of 20.00");
        assertEquals("KZT", fee.get("currency").asText());
        assertEquals("icid-wake-2@fs", fee.get("icid").asText(), "the placed call's charging identifier");
        JsonNode call = records.get(1);
        assertEquals("call", call.get("kind").asText());
        assertTrue(call.get("feature").isNull());
    }

    @Test
    void aMaliciousCallRecordIsTheVictimsFeeAndAFeeOutsideTheWindowIsNotListed() throws Exception {
        journal.write(new JournalEvent.MaliciousCallIdentification("flagged@core", Instant.parse(
                "2026-11-25T09:00:00Z"), SUBSCRIBER, OTHER, true, "callingNumber", OTHER));
        journal.write(wakeUp("wake-2@fs", SUBSCRIBER, WAKE_UP_TIME, 1, WakeUpOutcome.ANSWERED));

        List<JsonNode> records = calls("number", SUBSCRIBER, "from", "2026-11-25T08:00:00Z", "to",
                "2026-11-25T10:00:00Z");

        assertEquals(1, records.size(), records.toString());
        assertEquals("maliciousCallRecord", records.get(0).get("feature").asText());
        assertEquals("0.00", records.get(0).get("cost").asText());
        assertEquals("0.00", records.get(0).get("vat").asText());
        assertTrue(records.get(0).get("icid").isNull(), "the journal's record of it has none");
        assertEquals(List.of(), calls("number", OTHER, "from", "2026-11-25", "to", "2026-11-26"),
                "the caller's number is not on the victim's fee");
    }
}
