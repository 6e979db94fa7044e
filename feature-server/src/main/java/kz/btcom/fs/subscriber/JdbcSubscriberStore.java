package kz.btcom.fs.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The profiles in a SQL database (H2 embedded, or PostgreSQL shared by several nodes), over a connection pool.
 * Opened by {@link SubscriberStores#open}, which has migrated the schema first.
 */
final class JdbcSubscriberStore implements SubscriberStore {

    private static final String UNIQUE_VIOLATION = "23505";
    /** An insert that collides with a concurrent one becomes an update; a concurrent delete can undo that. */
    private static final int PUT_ATTEMPTS = 3;

    private final Database database;
    private final Dialect dialect;

    /** The store owns the database it is given: closing the store closes it. */
    JdbcSubscriberStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        this.dialect = database.dialect();
    }

    @Override
    public Optional<Subscriber> find(String number) {
        Objects.requireNonNull(number, "number");
        return withConnection("reading subscriber " + number,
                connection -> selectOne(connection, SubscriberRows.SELECT_ONE, number));
    }

    @Override
    public boolean put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        // Update first, insert if there was nothing to update: each statement is atomic on its own, and a
        // concurrent put of the same new number makes exactly one insert succeed; the other becomes a replace.
        return withConnection("writing subscriber " + subscriber.number(), connection -> {
            for (int attempt = 1; ; attempt++) {
                if (updateRow(connection, subscriber)) {
                    dialect.announceChange(connection, subscriber.number());
                    dialect.makeDurable(connection);
                    return false;
                }
                try {
                    insertRow(connection, subscriber);
                    dialect.announceChange(connection, subscriber.number());
                    dialect.makeDurable(connection);
                    return true;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == PUT_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public boolean delete(String number) {
        Objects.requireNonNull(number, "number");
        return withConnection("deleting subscriber " + number, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SubscriberRows.DELETE)) {
                statement.setString(1, number);
                boolean deleted = statement.executeUpdate() > 0;
                if (deleted) {
                    dialect.announceChange(connection, number);
                    dialect.makeDurable(connection);
                }
                return deleted;
            }
        });
    }

    @Override
    public List<Subscriber> list(String prefix, String after, int limit) {
        NumberRange range = new NumberRange(prefix, after);
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " < 0");
        }
        if (limit == 0) {
            return List.of();
        }
        return withConnection("listing subscribers from '" + prefix + "' after '" + after + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(range.sql())) {
                range.bind(statement, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Subscriber> page = new ArrayList<>();
                    while (rows.next()) {
                        page.add(read(rows));
                    }
                    return page;
                }
            }
        });
    }

    @Override
    public <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(change, "change");
        return withConnection("changing subscriber " + number, connection -> {
            Optional<Change<R>> result;
            boolean wrote = false;
            connection.setAutoCommit(false);
            try {
                Optional<Subscriber> current = selectOne(connection, SubscriberRows.SELECT_ONE_FOR_UPDATE, number);
                result = current.map(subscriber -> checked(number, change.apply(subscriber)));
                if (result.isPresent() && !result.get().subscriber().equals(current.get())) {
                    wrote = updateRow(connection, result.get().subscriber());
                    if (wrote) {
                        dialect.announceChange(connection, number);
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollbackAfter(connection, e);
                throw e;
            }
            connection.setAutoCommit(true);
            if (wrote) {
                dialect.makeDurable(connection);
            }
            return result;
        });
    }

    @Override
    public void close() {
        database.close();
    }

    private static <R> Change<R> checked(String number, Change<R> change) {
        Objects.requireNonNull(change, "a profile change returned null");
        if (!change.subscriber().number().equals(number)) {
            throw new IllegalArgumentException("a profile change may not change the number: " + number + " became "
                    + change.subscriber().number());
        }
        return change;
    }

    private static Optional<Subscriber> selectOne(Connection connection, String sql, String number)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, number);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    private static boolean updateRow(Connection connection, Subscriber subscriber) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SubscriberRows.UPDATE)) {
            SubscriberRows.bindValues(statement, 1, subscriber);
            statement.setString(SubscriberRows.VALUE_COUNT + 1, subscriber.number());
            return statement.executeUpdate() > 0;
        }
    }

    private static void insertRow(Connection connection, Subscriber subscriber) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SubscriberRows.INSERT)) {
            statement.setString(1, subscriber.number());
            SubscriberRows.bindValues(statement, 2, subscriber);
            statement.executeUpdate();
        }
    }

    private static Subscriber read(ResultSet row) throws SQLException {
        try {
            return SubscriberRows.read(row);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("the row of " + row.getString("number") + " is not a valid profile: "
                    + e.getMessage(), e);
        }
    }

    private static void rollbackAfter(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private <T> T withConnection(String what, Database.SqlWork<T> work) {
        return database.withConnection(what, work);
    }
}
