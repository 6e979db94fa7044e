package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.subscriber.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The last calls in the {@code last_call} table (V2), on the server's database. A row is only ever replaced by a
 * call as new or newer, whichever node writes, and every write is announced on a shared PostgreSQL.
 */
public final class JdbcLastCallStore implements LastCallStore {

    private static final String SELECT = "SELECT call_id, caller_number, caller_uri, caller_restricted, received_at,"
            + " ended_at, origin_kind, origin_value, trunk_context FROM last_call WHERE subscriber = ?";
    private static final String SELECT_ALL = "SELECT subscriber, call_id, caller_number, caller_uri,"
            + " caller_restricted, received_at, ended_at, origin_kind, origin_value, trunk_context FROM last_call";
    /** Never over a newer call: another node may have written one since this node's copy was made. */
    private static final String UPDATE = "UPDATE last_call SET call_id = ?, caller_number = ?, caller_uri = ?,"
            + " caller_restricted = ?, received_at = ?, ended_at = ?, origin_kind = ?, origin_value = ?,"
            + " trunk_context = ? WHERE subscriber = ? AND received_at <= ?";
    /** Only when there is no row: an existing one that the update left alone is newer. */
    private static final String INSERT = "INSERT INTO last_call (call_id, caller_number, caller_uri,"
            + " caller_restricted, received_at, ended_at, origin_kind, origin_value, trunk_context, subscriber)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM last_call WHERE subscriber = ?)";

    private final Database database;

    public JdbcLastCallStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<LastCall> find(String subscriber) {
        return database.withConnection("reading the last call of " + subscriber, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setString(1, subscriber);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<String, LastCall> findAll() {
        return database.withConnection("reading the last calls", connection -> {
            Map<String, LastCall> calls = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(SELECT_ALL);
                 ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    calls.put(row.getString("subscriber"), read(row));
                }
            }
            return calls;
        });
    }

    @Override
    public void saveAll(Map<String, LastCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        database.withConnection("writing " + calls.size() + " last calls", connection -> {
            connection.setAutoCommit(false);
            try {
                write(connection, calls);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            database.makeDurable(connection);
            return null;
        });
    }

    /**
     * Update an older row, else insert when there is none; a newer row (another node's) is left as it is. Only
     * this node's one writer thread writes here; a concurrent insert by another node fails the batch, which the
     * writer retries (the update then finds the row). Each row written is announced to the other nodes
     * ({@link LastCallers#CHANNEL}).
     */
    private void write(Connection connection, Map<String, LastCall> calls) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(UPDATE);
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Map.Entry<String, LastCall> entry : calls.entrySet()) {
                bind(update, entry.getKey(), entry.getValue());
                update.setObject(11, Database.timestamp(entry.getValue().receivedAt()));
                boolean written = update.executeUpdate() > 0;
                if (!written) {
                    bind(insert, entry.getKey(), entry.getValue());
                    insert.setString(11, entry.getKey());
                    written = insert.executeUpdate() > 0;
                }
                if (written) {
                    database.notify(connection, LastCallers.CHANNEL,
                            LastCallNotice.of(entry.getKey(), entry.getValue()).payload());
                }
            }
        }
    }

    private static void bind(PreparedStatement statement, String subscriber, LastCall call) throws SQLException {
        statement.setString(1, call.callId());
        statement.setString(2, call.callerNumber());
        statement.setString(3, call.callerUri());
        statement.setBoolean(4, call.restricted());
        statement.setObject(5, Database.timestamp(call.receivedAt()));
        statement.setObject(6, call.endedAt().map(Database::timestamp).orElse(null));
        statement.setString(7, call.origin().kind().jsonName());
        statement.setString(8, call.origin().value());
        statement.setString(9, call.origin().trunkContext());
        statement.setString(10, subscriber);
    }

    private static LastCall read(ResultSet row) throws SQLException {
        return new LastCall(row.getString("call_id"), row.getString("caller_number"), row.getString("caller_uri"),
                row.getBoolean("caller_restricted"), Database.instant(row, "received_at"),
                Optional.ofNullable(row.getObject("ended_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                new CallOrigin(CallOrigin.Kind.byJsonName(row.getString("origin_kind")), row.getString("origin_value"),
                        row.getString("trunk_context")));
    }
}
