package kz.btcom.fs.service;

import kz.btcom.fs.service.callreturn.JdbcLastCallStore;
import kz.btcom.fs.service.callreturn.LastCall;
import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.service.mcid.JdbcMaliciousCallStore;
import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.subscriber.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The last calls and malicious-call records in the database (migration V2), the same on H2 and PostgreSQL: what
 * is written is read back exactly (instants to the microsecond, in UTC), rows are replaced, ranges are half-open.
 */
public abstract class CallHistoryTablesContract {

    static final Instant T0 = Instant.parse("2026-12-03T08:00:00.123456Z");
    static final String A = "+77272777101";
    static final String B = "+77272777102";

    private Database database;

    protected abstract Database openEmptyDatabase();

    @BeforeEach
    void open() {
        database = openEmptyDatabase();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static LastCall lastCall(String callId, boolean restricted, Optional<Instant> ended, CallOrigin origin) {
        return new LastCall(callId, "+77172555198", "sip:+77172555198@core.btcom.kz;user=phone", restricted, T0,
                ended, origin);
    }

    private static MaliciousCallRecord record(String victim, Instant flagged, CallOrigin origin) {
        return new MaliciousCallRecord(victim, "+77172555198", "tel:+77172555198", true, "c@" + flagged, T0,
                flagged, origin);
    }

    @Test
    void aLastCallIsWrittenAndReadBackAsItWas() {
        JdbcLastCallStore store = new JdbcLastCallStore(database);
        LastCall call = lastCall("c1@core", true, Optional.of(T0.plusSeconds(61)),
                new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg-7", "btcom.kz"));

        store.saveAll(Map.of(A, call));

        assertEquals(Optional.of(call), store.find(A));
        assertEquals(Optional.empty(), store.find(B));
    }

    @Test
    void aNewerLastCallReplacesTheOlderOne() {
        JdbcLastCallStore store = new JdbcLastCallStore(database);
        store.saveAll(Map.of(A, lastCall("c1", false, Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77172555198", ""))));
        LastCall newer = lastCall("c2", false, Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CONFIGURED_TRUNK, "ic-1", ""));

        store.saveAll(Map.of(A, newer, B, newer));

        assertEquals(Optional.of(newer), store.find(A));
        assertEquals(Optional.of(newer), store.find(B));
    }

    @Test
    void anOlderLastCallNeverReplacesANewerOneWhicheverNodeWritesIt() {
        JdbcLastCallStore store = new JdbcLastCallStore(database);
        LastCall newer = new LastCall("c2", "+77172555199", "tel:+77172555199", false, T0.plusSeconds(60),
                Optional.empty(), new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77172555199", ""));
        store.saveAll(Map.of(A, newer));

        // A node that was out of the rotation notes the end of the call it had: written after the newer one.
        store.saveAll(Map.of(A, lastCall("c1", false, Optional.of(T0.plusSeconds(90)),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77172555198", ""))));

        assertEquals(Optional.of(newer), store.find(A));
    }

    @Test
    void everyLastCallIsReadAtOnceOneRowPerSubscriber() {
        JdbcLastCallStore store = new JdbcLastCallStore(database);
        LastCall first = lastCall("c1", false, Optional.empty(),
                new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77172555198", ""));
        LastCall second = lastCall("c2", true, Optional.of(T0.plusSeconds(5)),
                new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg-7", "btcom.kz"));
        store.saveAll(Map.of(A, first, B, first));
        store.saveAll(Map.of(B, second));

        assertEquals(Map.of(A, first, B, second), store.findAll());
    }

    @Test
    void maliciousCallRecordsAreFoundByTimeAndByVictimOldestFirst() {
        JdbcMaliciousCallStore store = new JdbcMaliciousCallStore(database);
        CallOrigin origin = new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg-7", "btcom.kz");
        MaliciousCallRecord first = record(A, T0.plusSeconds(10), origin);
        MaliciousCallRecord second = record(B, T0.plusSeconds(20), origin);
        MaliciousCallRecord third = record(A, T0.plusSeconds(30), origin);
        store.add(third);
        store.add(first);
        store.add(second);

        assertEquals(List.of(first, second, third), store.find(Optional.empty(), T0, T0.plusSeconds(31), 100));
        assertEquals(List.of(first, third), store.find(Optional.of(A), T0, T0.plusSeconds(31), 100));
        assertEquals(List.of(first), store.find(Optional.of(A), T0, T0.plusSeconds(30), 100), "to is exclusive");
        assertEquals(List.of(first), store.find(Optional.empty(), T0, T0.plusSeconds(31), 1));
    }
}
