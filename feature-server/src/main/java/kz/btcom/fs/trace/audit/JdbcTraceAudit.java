package kz.btcom.fs.trace.audit;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.subscriber.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit in the server's database ({@code trace_audit}, migrations V3 and V4), so that it is as durable as the
 * subscribers and, on PostgreSQL, shared by every node. Holds nothing of its own to close: the database is
 * closed by whoever opened it, after the HTTP interface has stopped.
 */
public final class JdbcTraceAudit implements TraceAudit {

    private static final String INSERT = "INSERT INTO trace_audit (audited_at, token_id, role, source, http_method,"
            + " http_path, http_query, capture_id, number, http_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT audited_at, token_id, role, source, http_method, http_path,"
            + " http_query, capture_id, number, http_status FROM trace_audit WHERE audited_at >= ? AND audited_at < ?"
            + " ORDER BY audited_at, id FETCH FIRST ? ROWS ONLY";

    private final Database database;

    public JdbcTraceAudit(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        database.withConnection("writing the trace audit", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                statement.setObject(1, timestamp(entry.at()));
                statement.setString(2, entry.tokenId());
                setOptional(statement, 3, entry.role().map(Role::configName).orElse(""));
                setOptional(statement, 4, entry.source());
                statement.setString(5, entry.method());
                statement.setString(6, entry.path());
                statement.setString(7, entry.query());
                setOptional(statement, 8, entry.captureId());
                setOptional(statement, 9, entry.number());
                statement.setInt(10, entry.status());
                statement.executeUpdate();
            }
            database.makeDurable(connection);
            return null;
        });
    }

    @Override
    public List<AuditEntry> between(Instant from, Instant to, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " < 1");
        }
        return database.withConnection("reading the trace audit", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
                statement.setObject(1, timestamp(from));
                statement.setObject(2, timestamp(to));
                statement.setInt(3, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rows.next()) {
                        entries.add(read(rows));
                    }
                    return entries;
                }
            }
        });
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        String roleName = row.getString("role");
        Optional<Role> role = Optional.empty();
        if (roleName != null) {
            role = Optional.of(Role.fromConfigName(roleName)
                    .orElseThrow(() -> new SQLDataException("trace_audit: unknown role " + roleName)));
        }
        return new AuditEntry(row.getObject("audited_at", OffsetDateTime.class).toInstant(),
                row.getString("token_id"), role, row.getString("source"), row.getString("http_method"),
                row.getString("http_path"), row.getString("http_query"), row.getString("capture_id"),
                row.getString("number"), row.getInt("http_status"));
    }

    /** Both databases keep microseconds. */
    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static void setOptional(PreparedStatement statement, int index, String value) throws SQLException {
        if (value.isEmpty()) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
