package kz.btcom.fs.service.mcid;

import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.subscriber.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The malicious-call records in the {@code malicious_call} table (V2), on the server's database. */
public final class JdbcMaliciousCallStore implements MaliciousCallStore {

    private static final String INSERT = "INSERT INTO malicious_call (victim, caller_number, caller_uri,"
            + " caller_restricted, call_id, call_start, flagged_at, origin_kind, origin_value, trunk_context)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "SELECT victim, caller_number, caller_uri, caller_restricted, call_id,"
            + " call_start, flagged_at, origin_kind, origin_value, trunk_context FROM malicious_call";
    private static final String IN_TIME = " flagged_at >= ? AND flagged_at < ? ORDER BY flagged_at, id"
            + " FETCH FIRST ? ROWS ONLY";
    private static final String FIND_ALL = COLUMNS + " WHERE" + IN_TIME;
    private static final String FIND_VICTIM = COLUMNS + " WHERE victim = ? AND" + IN_TIME;

    private final Database database;

    public JdbcMaliciousCallStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void add(MaliciousCallRecord record) {
        Objects.requireNonNull(record, "record");
        database.withConnection("writing the malicious-call record of " + record.victim(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, record.victim());
                insert.setString(2, record.callerNumber());
                insert.setString(3, record.callerUri());
                insert.setBoolean(4, record.callerRestricted());
                insert.setString(5, record.callId());
                insert.setObject(6, Database.timestamp(record.callStart()));
                insert.setObject(7, Database.timestamp(record.flaggedAt()));
                insert.setString(8, record.origin().kind().jsonName());
                insert.setString(9, record.origin().value());
                insert.setString(10, record.origin().trunkContext());
                insert.executeUpdate();
            }
            database.makeDurable(connection);
            return null;
        });
    }

    @Override
    public List<MaliciousCallRecord> find(Optional<String> victim, Instant from, Instant to, int limit) {
        return database.withConnection("reading malicious-call records", connection -> {
            try (PreparedStatement select = connection.prepareStatement(victim.isPresent() ? FIND_VICTIM : FIND_ALL)) {
                int i = 1;
                if (victim.isPresent()) {
                    select.setString(i++, victim.get());
                }
                select.setObject(i++, Database.timestamp(from));
                select.setObject(i++, Database.timestamp(to));
                select.setInt(i, limit);
                List<MaliciousCallRecord> records = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        records.add(read(rows));
                    }
                }
                return records;
            }
        });
    }

    private static MaliciousCallRecord read(ResultSet row) throws SQLException {
        return new MaliciousCallRecord(row.getString("victim"), row.getString("caller_number"),
                row.getString("caller_uri"), row.getBoolean("caller_restricted"), row.getString("call_id"),
                Database.instant(row, "call_start"), Database.instant(row, "flagged_at"),
                new CallOrigin(CallOrigin.Kind.byJsonName(row.getString("origin_kind")), row.getString("origin_value"),
                        row.getString("trunk_context")));
    }
}
