package kz.btcom.fs.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** What differs between the two databases the store runs on; the SQL itself is the same. */
enum Dialect {

    H2("") {
        @Override
        void makeDurable(Connection connection) throws SQLException {
            // H2 writes committed transactions to its file in the background, up to WRITE_DELAY (0.5 s) later:
            // a kill -9 in that window would lose a profile the API had already acknowledged.
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        }
    },

    POSTGRESQL("COLLATE \"C\"") {
        @Override
        void makeDurable(Connection connection) {
            // A commit is in the WAL when it returns.
        }

        @Override
        void announceChange(Connection connection, String number) throws SQLException {
            // Every node LISTENs on this channel (ProfileChangeListener) and reads the number again into its memory.
            notify(connection, ProfileChangeListener.CHANNEL, number);
        }

        @Override
        void notify(Connection connection, String channel, String payload) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                statement.setString(1, channel);
                statement.setString(2, payload);
                statement.execute();
            }
        }
    };

    /**
     * The key column's collation: numbers compare character by character, as Java compares them, whatever the
     * database's locale; otherwise paging by "after" and the prefix range would follow the locale's rules.
     * H2 compares that way already and has no such clause.
     */
    private final String binaryCollation;

    Dialect(String binaryCollation) {
        this.binaryCollation = binaryCollation;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("not a database the subscriber store runs on: "
                + JdbcUrls.withoutPassword(jdbcUrl));
    }

    /** The values of the {@code ${...}} placeholders in the migrations. */
    Map<String, String> migrationPlaceholders() {
        return Map.of("binary_collation", binaryCollation);
    }

    /** Called after a write committed, before it is acknowledged. */
    abstract void makeDurable(Connection connection) throws SQLException;

    /**
     * Tells the other nodes on this database that the profile of {@code number} changed; called in the writing
     * transaction (a NOTIFY is delivered at its commit, and only if it commits), or right after an auto-committed
     * write. The embedded database has one node: nobody to tell.
     */
    void announceChange(Connection connection, String number) throws SQLException {
    }

    /**
     * Sends {@code payload} to every node LISTENing on {@code channel} ({@link NotificationListener}), at the
     * commit of the transaction it runs in. The embedded database has one node: nobody to tell.
     */
    void notify(Connection connection, String channel, String payload) throws SQLException {
    }
}
