package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.subscriber.Database;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The captures of every node on the server's database (migration V6): what each capture is ({@code sip_capture},
 * so that every node joins it) and the messages every node took for it ({@code sip_capture_frame}, so that a
 * download through any node has them all, also those of a node that has died since). Its calls run on the HTTP
 * threads and the trace writer's thread, never on a SIP thread.
 *
 * <p>The limits are the cluster's: a start counts the captures running on the database under one lock row, and a
 * capture's bytes are counted in its row, whichever node adds them.
 */
public final class SharedCaptures {

    /** Every start and discard is announced here (payload: the capture id); each node LISTENs and re-reads. */
    public static final String CHANNEL = "sip_capture_changed";

    private static final String COLUMNS = "id, number, seconds, started_at, ends_at, started_by, messages, bytes,"
            + " dropped, truncated";
    private static final String LOCK = "SELECT name FROM sip_capture_start_lock WHERE name = 'start' FOR UPDATE";
    private static final String COUNT_RUNNING = "SELECT COUNT(*) FROM sip_capture WHERE ends_at > ?";
    private static final String INSERT = "INSERT INTO sip_capture (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)";
    private static final String SELECT_RUNNING = "SELECT " + COLUMNS + " FROM sip_capture WHERE ends_at > ?"
            + " ORDER BY started_at, id";
    private static final String SELECT_ALL = "SELECT " + COLUMNS + " FROM sip_capture ORDER BY started_at, id";
    private static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM sip_capture WHERE id = ?";
    private static final String DELETE = "DELETE FROM sip_capture WHERE id = ?";
    private static final String LOCK_COUNTS = "SELECT bytes, truncated FROM sip_capture WHERE id = ? FOR UPDATE";
    private static final String INSERT_FRAME = "INSERT INTO sip_capture_frame (capture_id, node, captured_at,"
            + " transport, source_address, source_port, destination_address, destination_port, message)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ADD_COUNTS = "UPDATE sip_capture SET messages = messages + ?, bytes = bytes + ?,"
            + " dropped = dropped + ?, truncated = truncated OR ? WHERE id = ?";
    private static final String SELECT_FRAMES = "SELECT captured_at, transport, source_address, source_port,"
            + " destination_address, destination_port, message FROM sip_capture_frame WHERE capture_id = ?"
            + " ORDER BY captured_at, id";

    private final Database database;
    private final String node;

    /** @param node this node's name in the frames it adds (its SIP address and process) */
    public SharedCaptures(Database database, String node) {
        this.database = Objects.requireNonNull(database, "database");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** A message a node took, with the bytes its pcap records take (what the capture's bound counts). */
    record Frame(CapturedSipMessage message, long recordBytes) {
    }

    /**
     * Adds a capture, unless {@code maxRunning} captures run on the database at {@code info}'s start.
     *
     * @throws CapturesBusyException as many captures run as may
     */
    void start(CaptureInfo info, int maxRunning) {
        database.withConnection("starting SIP capture " + info.id(), connection -> durably(connection, () -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.executeQuery().close();
            }
            long running;
            try (PreparedStatement count = connection.prepareStatement(COUNT_RUNNING)) {
                count.setObject(1, Database.timestamp(info.startedAt()));
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    running = rows.getLong(1);
                }
            }
            if (running >= maxRunning) {
                throw new CapturesBusyException(running + " captures are running, as many as may at once; try"
                        + " again when one has ended");
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, info.id());
                insert.setString(2, info.number());
                insert.setInt(3, info.seconds());
                insert.setObject(4, Database.timestamp(info.startedAt()));
                insert.setObject(5, Database.timestamp(info.endsAt()));
                insert.setString(6, info.startedBy());
                insert.setLong(7, info.messages());
                insert.setLong(8, info.bytes());
                insert.setLong(9, info.dropped());
                insert.setBoolean(10, info.truncated());
                insert.executeUpdate();
            }
            database.notify(connection, CHANNEL, info.id());
            return null;
        }));
    }

    /** The captures whose time has not run out at {@code now}, oldest first. */
    List<CaptureInfo> running(Instant now) {
        return database.withConnection("reading the running SIP captures", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_RUNNING)) {
                select.setObject(1, Database.timestamp(now));
                return infos(select, now);
            }
        });
    }

    /** Every capture, oldest first. */
    List<CaptureInfo> all(Instant now) {
        return database.withConnection("listing the SIP captures", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_ALL)) {
                return infos(select, now);
            }
        });
    }

    Optional<CaptureInfo> find(String id, Instant now) {
        return database.withConnection("reading SIP capture " + id, connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_ONE)) {
                select.setString(1, id);
                return infos(select, now).stream().findFirst();
            }
        });
    }

    /** Removes a capture and every node's messages of it; the nodes stop taking them when they next read. */
    void delete(String id) {
        database.withConnection("deleting SIP capture " + id, connection -> durably(connection, () -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            database.notify(connection, CHANNEL, id);
            return null;
        }));
    }

    /**
     * Adds this node's messages to a capture, in order, as long as the capture's file stays within
     * {@code maxBytes}; the rest, and {@code dropped} more that this node could not take, are counted as dropped.
     *
     * @return whether the capture takes no more messages: it reached its bound, or it no longer exists
     */
    boolean append(String id, List<Frame> frames, long dropped, long maxBytes) {
        return database.withConnection("adding to SIP capture " + id, connection -> inTransaction(connection, () -> {
            long bytes;
            boolean truncated;
            try (PreparedStatement lock = connection.prepareStatement(LOCK_COUNTS)) {
                lock.setString(1, id);
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return true;
                    }
                    bytes = row.getLong("bytes");
                    truncated = row.getBoolean("truncated");
                }
            }
            int fitting = 0;
            long added = 0;
            while (!truncated && fitting < frames.size()
                    && bytes + added + frames.get(fitting).recordBytes() <= maxBytes) {
                added += frames.get(fitting).recordBytes();
                fitting++;
            }
            boolean full = truncated || fitting < frames.size();
            if (fitting > 0) {
                insertFrames(connection, id, frames.subList(0, fitting));
            }
            try (PreparedStatement update = connection.prepareStatement(ADD_COUNTS)) {
                update.setLong(1, fitting);
                update.setLong(2, added);
                update.setLong(3, dropped + frames.size() - fitting);
                update.setBoolean(4, full);
                update.setString(5, id);
                update.executeUpdate();
            }
            return full;
        }));
    }

    /**
     * The capture as one pcap file: every node's messages, in the order of their times.
     *
     * @return empty when there is no such capture
     */
    Optional<byte[]> pcap(String id) {
        return database.withConnection("reading SIP capture " + id, connection -> {
            try (PreparedStatement exists = connection.prepareStatement(SELECT_ONE)) {
                exists.setString(1, id);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                }
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(PcapWriter.fileHeader());
            PcapWriter records = new PcapWriter();
            try (PreparedStatement select = connection.prepareStatement(SELECT_FRAMES)) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        file.writeBytes(records.records(Database.instant(rows, "captured_at"),
                                CaptureFile.isTcp(rows.getString("transport")),
                                address(rows, "source_address", "source_port"),
                                address(rows, "destination_address", "destination_port"),
                                rows.getBytes("message")));
                    }
                }
            }
            return Optional.of(file.toByteArray());
        });
    }

    private void insertFrames(Connection connection, String id, List<Frame> frames) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FRAME)) {
            for (Frame frame : frames) {
                CapturedSipMessage message = frame.message();
                insert.setString(1, id);
                insert.setString(2, node);
                insert.setObject(3, Database.timestamp(message.time()));
                insert.setString(4, message.transport());
                insert.setString(5, message.source().getAddress().getHostAddress());
                insert.setInt(6, message.source().getPort());
                insert.setString(7, message.destination().getAddress().getHostAddress());
                insert.setInt(8, message.destination().getPort());
                insert.setBytes(9, message.bytes());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<CaptureInfo> infos(PreparedStatement select, Instant now) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            List<CaptureInfo> infos = new ArrayList<>();
            while (rows.next()) {
                Instant endsAt = Database.instant(rows, "ends_at");
                infos.add(new CaptureInfo(rows.getString("id").trim(), rows.getString("number"),
                        rows.getInt("seconds"), Database.instant(rows, "started_at"), endsAt,
                        rows.getString("started_by"), rows.getLong("messages"), rows.getLong("bytes"),
                        rows.getLong("dropped"), rows.getBoolean("truncated"), now.isBefore(endsAt)));
            }
            return infos;
        }
    }

    /** The addresses are stored as IP literals, which InetAddress reads without asking any resolver. */
    private static InetSocketAddress address(ResultSet row, String address, String port) throws SQLException {
        try {
            return new InetSocketAddress(InetAddress.getByName(row.getString(address)), row.getInt(port));
        } catch (UnknownHostException e) {
            throw new SQLDataException("sip_capture_frame: " + address + " is not an IP address", e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** A capture's start and end are acknowledged to the technician: on H2 they reach the file first. */
    private <T> T durably(Connection connection, Work<T> work) throws SQLException {
        T result = inTransaction(connection, work);
        database.makeDurable(connection);
        return result;
    }

    private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
