package kz.btcom.fs.subscriber;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How a change made on another node reaches this node within a second on a shared PostgreSQL: the writer sends
 * {@code NOTIFY <channel>, '<payload>'} ({@link Database#notify}); this thread holds one connection of its own
 * (outside the pool) that LISTENs on the channel and hands each payload to {@code received}. A lost connection is
 * opened again every {@link #RETRY}; whatever was announced while it was down is unknown, so after every
 * (re)connection {@code resync} runs. Whoever uses it keeps a periodic re-read as the fallback behind it.
 */
public final class NotificationListener implements AutoCloseable {

    static final Duration RETRY = Duration.ofSeconds(1);
    private static final int POLL_MILLIS = 250;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /** A channel name is put into the LISTEN statement as it is: an identifier, nothing else. */
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final String url;
    private final Properties login;
    private final String channel;
    private final String what;
    private final Consumer<String> received;
    private final Runnable resync;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile Connection current;

    private NotificationListener(String url, Properties login, String channel, String what,
                                 Consumer<String> received, Runnable resync) {
        this.url = url;
        this.login = login;
        this.channel = channel;
        this.what = what;
        this.received = received;
        this.resync = resync;
        this.thread = new Thread(this::run, channel.replace('_', '-'));
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening on {@code channel} when the settings name a PostgreSQL database; the embedded H2 database
     * is one node's alone and needs none of this.
     *
     * @param what     what the channel carries, for the log ("profile changes")
     * @param received called on the listener's thread with each payload (this node's own announcements too)
     * @param resync   called after every (re)connection: announcements may have been missed
     */
    public static Optional<NotificationListener> startFor(StoreSettings settings, String channel, String what,
                                                          Consumer<String> received, Runnable resync) {
        return settings.jdbcUrl().filter(url -> Dialect.of(url) == Dialect.POSTGRESQL)
                .map(url -> start(url, settings.user(), settings.password(), channel, what, received, resync));
    }

    static NotificationListener start(String url, String user, String password, String channel, String what,
                                      Consumer<String> received, Runnable resync) {
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        Properties login = new Properties();
        if (!user.isEmpty()) {
            login.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            login.setProperty("password", password);
        }
        login.setProperty("ApplicationName", "feature-server " + what);
        login.setProperty("tcpKeepAlive", "true");
        NotificationListener listener = new NotificationListener(url, login, channel, Objects.requireNonNull(what),
                Objects.requireNonNull(received), Objects.requireNonNull(resync));
        listener.thread.start();
        return listener;
    }

    /** Waits until the first LISTEN is in place (tests, and a start that wants to say so). */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stop.countDown();
        Connection connection = current;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // It is going away either way.
            }
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean stopping() {
        return stop.getCount() == 0;
    }

    private void run() {
        boolean failing = false;
        while (!stopping()) {
            try (Connection connection = DriverManager.getConnection(url, login)) {
                current = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                if (failing) {
                    log.info("listening for {} on {} again; reading them all again", what,
                            JdbcUrls.withoutPassword(url));
                    failing = false;
                }
                resync.run();
                listening.countDown();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!stopping()) {
                    PGNotification[] arrived = notifications.getNotifications(POLL_MILLIS);
                    if (arrived != null) {
                        for (PGNotification notification : arrived) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping()) {
                    return;
                }
                if (!failing) {
                    log.warn("lost the listener for {} on {} ({}); other nodes' changes arrive by the periodic "
                            + "re-read until it is back, trying again every {} s", what,
                            JdbcUrls.withoutPassword(url), Failures.oneLine(e), RETRY.toSeconds());
                    failing = true;
                }
            } finally {
                current = null;
            }
            try {
                if (stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(String payload) {
        try {
            received.accept(payload);
        } catch (RuntimeException e) {
            log.warn("{}: {} not applied: {}", what, payload, Failures.oneLine(e));
        }
    }
}
