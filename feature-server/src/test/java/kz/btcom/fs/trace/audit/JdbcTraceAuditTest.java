package kz.btcom.fs.trace.audit;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.LocalPostgres;
import kz.btcom.fs.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit table (migrations V3, V4) on the embedded database and on PostgreSQL, kept across a reopen. */
@ExtendWith(LocalPostgres.class)
class JdbcTraceAuditTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00.123456Z");

    @TempDir
    Path dataDir;

    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void onTheEmbeddedDatabase() {
        writeAndReadBack(StoreSettings.defaults());
    }

    @Test
    void onPostgresql(PostgresServer postgres) {
        writeAndReadBack(StoreSettings.defaults().withDatabase(postgres.createDatabase(), PostgresServer.USER, ""));
    }

    private static AuditEntry entry(Instant at, String path, String captureId, String number, int status) {
        return new AuditEntry(at, "5ab0c1d2", Role.TECHNICIAN, "GET", path, "", captureId, number, status);
    }

    private void writeAndReadBack(StoreSettings settings) {
        database = SubscriberStores.openDatabase(settings, dataDir);
        TraceAudit audit = new JdbcTraceAudit(database);
        AuditEntry start = new AuditEntry(T0, "5ab0c1d2", Role.TECHNICIAN, "POST", "/api/v1/traces/sip", "",
                "0123456789abcdef0123456789abcdef", "+77272345678", 201);
        AuditEntry read = entry(T0.plusSeconds(60), "/api/v1/traces/sip/0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef", "+77272345678", 200);
        AuditEntry everyone = new AuditEntry(T0.plusSeconds(120), "77aa88bb", Role.TECHNICIAN, "GET",
                "/api/v1/traces/malicious", "from=2026-11-01T00:00:00Z&to=" + "x".repeat(2000), "", "", 200);
        AuditEntry refused = new AuditEntry(T0.plusSeconds(90), "", Optional.empty(), "2001:db8::7", "GET",
                "/api/v1/traces/sip", "", "", "", 401);
        audit.record(start);
        audit.record(read);
        audit.record(refused);
        audit.record(everyone);

        database.close();
        database = SubscriberStores.openDatabase(settings, dataDir);
        audit = new JdbcTraceAudit(database);

        List<AuditEntry> all = audit.between(T0, T0.plusSeconds(121), 100);
        assertEquals(List.of(start, read, refused), all.subList(0, 3), "a refusal has no role, maybe no token id");
        assertEquals("", all.get(3).captureId());
        assertEquals("", all.get(3).number());
        assertEquals(1024, all.get(3).query().length());
        assertTrue(all.get(3).query().startsWith("from=2026-11-01T00:00:00Z&to=xxx"));
        assertEquals(List.of(start), audit.between(T0, T0.plusSeconds(60), 100), "to is exclusive");
        assertEquals(List.of(read), audit.between(T0.plusSeconds(1), T0.plusSeconds(300), 1), "oldest first");
    }
}
