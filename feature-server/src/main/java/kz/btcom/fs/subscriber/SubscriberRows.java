package kz.btcom.fs.subscriber;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code subscriber} table (V1__subscribers.sql): its statements and how a profile maps to a row. */
final class SubscriberRows {

    /** Every column but the key, in the order {@link #bindValues} binds them. */
    private static final List<String> VALUE_COLUMNS = List.of("status", "pin_hash", "clip", "clir",
            "cw_subscribed", "cw_active", "fwd_subscribed", "fwd_unconditional", "fwd_busy", "fwd_no_reply",
            "fwd_no_reply_seconds", "fwd_not_reachable", "barring_subscribed", "barring_level", "wakeup_subscribed",
            "call_return_subscribed", "three_way_subscribed", "mcid_subscribed", "pin_failures", "pin_locked_until",
            "extra_json");

    private static final String COLUMNS = "number, " + String.join(", ", VALUE_COLUMNS);

    static final String SELECT = "SELECT " + COLUMNS + " FROM subscriber";
    static final String SELECT_ONE = SELECT + " WHERE number = ?";
    static final String SELECT_ONE_FOR_UPDATE = SELECT_ONE + " FOR UPDATE";
    static final String DELETE = "DELETE FROM subscriber WHERE number = ?";
    /** Binds: the number, then the values. */
    static final String INSERT = "INSERT INTO subscriber (" + COLUMNS + ", updated_at) VALUES (?, "
            + String.join(", ", Collections.nCopies(VALUE_COLUMNS.size(), "?")) + ", CURRENT_TIMESTAMP)";
    /** Binds: the values, then the number. */
    static final String UPDATE = "UPDATE subscriber SET "
            + VALUE_COLUMNS.stream().map(column -> column + " = ?").collect(Collectors.joining(", "))
            + ", updated_at = CURRENT_TIMESTAMP WHERE number = ?";

    static final int VALUE_COUNT = VALUE_COLUMNS.size();

    private SubscriberRows() {
    }

    /** Binds the profile's values (not its number) from parameter {@code first} on. */
    static void bindValues(PreparedStatement statement, int first, Subscriber subscriber) throws SQLException {
        Services services = subscriber.services();
        Forwarding forwarding = services.forwarding();
        int i = first;
        statement.setString(i++, subscriber.status().jsonName());
        statement.setString(i++, subscriber.pin().encoded());
        statement.setBoolean(i++, services.clip());
        statement.setBoolean(i++, services.clir());
        statement.setBoolean(i++, services.callWaiting().subscribed());
        statement.setBoolean(i++, services.callWaiting().active());
        statement.setBoolean(i++, forwarding.subscribed());
        setOptional(statement, i++, forwarding.unconditional());
        setOptional(statement, i++, forwarding.busy());
        setOptional(statement, i++, forwarding.noReply());
        statement.setInt(i++, forwarding.noReplySeconds());
        setOptional(statement, i++, forwarding.notReachable());
        statement.setBoolean(i++, services.barring().subscribed());
        statement.setInt(i++, services.barring().level());
        statement.setBoolean(i++, services.wakeUp());
        statement.setBoolean(i++, services.callReturn());
        statement.setBoolean(i++, services.threeWay());
        statement.setBoolean(i++, services.mcid());
        statement.setInt(i++, subscriber.pinGuard().failures());
        setInstant(statement, i++, subscriber.pinGuard().lockedUntil());
        statement.setString(i, subscriber.extraJson());
    }

    /** The profile in the current row; a row the model refuses (edited by hand?) is an IllegalArgumentException. */
    static Subscriber read(ResultSet row) throws SQLException {
        String statusName = row.getString("status");
        LineStatus status = LineStatus.fromJsonName(statusName)
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + statusName));
        Forwarding forwarding = new Forwarding(row.getBoolean("fwd_subscribed"),
                optional(row, "fwd_unconditional"), optional(row, "fwd_busy"), optional(row, "fwd_no_reply"),
                row.getInt("fwd_no_reply_seconds"), optional(row, "fwd_not_reachable"));
        Services services = new Services(row.getBoolean("clip"), row.getBoolean("clir"),
                new CallWaiting(row.getBoolean("cw_subscribed"), row.getBoolean("cw_active")), forwarding,
                new Barring(row.getBoolean("barring_subscribed"), row.getInt("barring_level")),
                row.getBoolean("wakeup_subscribed"), row.getBoolean("call_return_subscribed"),
                row.getBoolean("three_way_subscribed"), row.getBoolean("mcid_subscribed"));
        Optional<Instant> lockedUntil = Optional.ofNullable(row.getObject("pin_locked_until", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant);
        return new Subscriber(row.getString("number"), status, new Pin(row.getString("pin_hash")), services,
                new PinGuard(row.getInt("pin_failures"), lockedUntil), row.getString("extra_json"));
    }

    private static void setOptional(PreparedStatement statement, int index, Optional<String> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setString(index, value.get());
        } else {
            statement.setNull(index, Types.VARCHAR);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            // Both databases keep microseconds; truncating here makes them agree on what comes back.
            statement.setObject(index, OffsetDateTime.ofInstant(value.get().truncatedTo(ChronoUnit.MICROS),
                    ZoneOffset.UTC));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static Optional<String> optional(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getString(column));
    }
}
