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

/**
 * How a profile change made on another node reaches this node's memory within a second: every write on a shared
 * PostgreSQL sends {@code NOTIFY subscriber_changed, '<number>'} ({@link Dialect#announceChange}); this thread
 * holds one connection of its own (outside the pool) that LISTENs on that channel and hands each number to
 * {@code changed}. A lost connection is opened again every {@link #RETRY}; whatever was announced while it was
 * down is unknown, so after every (re)connection {@code resync} runs (the directory reloads every profile).
 * The directory's full reload every {@code store.cacheRefreshSeconds} stays as the fallback behind this.
 */
public final class ProfileChangeListener implements AutoCloseable {

    /** The channel the writers NOTIFY and the nodes LISTEN on; the payload is the number in E.164. */
    public static final String CHANNEL = "subscriber_changed";
    static final Duration RETRY = Duration.ofSeconds(1);
    private static final int POLL_MILLIS = 250;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(ProfileChangeListener.class);

    private final String url;
    private final Properties login;
    private final Consumer<String> changed;
    private final Runnable resync;
    private final Thread thread;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile Connection current;

    private ProfileChangeListener(String url, Properties login, Consumer<String> changed, Runnable resync) {
        this.url = url;
        this.login = login;
        this.changed = changed;
        this.resync = resync;
        this.thread = new Thread(this::run, "subscriber-changes");
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening when the settings name a PostgreSQL database; the embedded H2 database is one node's
     * alone and needs none of this.
     */
    public static Optional<ProfileChangeListener> startFor(StoreSettings settings, SubscriberDirectory directory) {
        Objects.requireNonNull(directory, "directory");
        return settings.jdbcUrl().filter(url -> Dialect.of(url) == Dialect.POSTGRESQL)
                .map(url -> start(url, settings.user(), settings.password(), directory::changedElsewhere,
                        directory::reloadAll));
    }

    /**
     * @param changed called on the listener's thread with each number announced (this node's own writes too)
     * @param resync  called after every (re)connection: announcements may have been missed
     */
    static ProfileChangeListener start(String url, String user, String password, Consumer<String> changed,
                                       Runnable resync) {
        Properties login = new Properties();
        if (!user.isEmpty()) {
            login.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            login.setProperty("password", password);
        }
        login.setProperty("ApplicationName", "feature-server profile changes");
        login.setProperty("tcpKeepAlive", "true");
        ProfileChangeListener listener = new ProfileChangeListener(url, login, Objects.requireNonNull(changed),
                Objects.requireNonNull(resync));
        listener.thread.start();
        return listener;
    }

    /** Waits until the first LISTEN is in place (tests, and a start that wants to say so). */
    boolean awaitListening(Duration timeout) throws InterruptedException {
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
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (failing) {
                    log.info("listening for profile changes on {} again; reloading every profile",
                            JdbcUrls.withoutPassword(url));
                    failing = false;
                }
                resync.run();
                listening.countDown();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (!stopping()) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping()) {
                    return;
                }
                if (!failing) {
                    log.warn("lost the profile-change listener on {} ({}); other nodes' changes arrive by the "
                            + "periodic reload until it is back, trying again every {} s",
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

    private void deliver(String number) {
        try {
            changed.accept(number);
        } catch (RuntimeException e) {
            log.warn("profile change of {} not applied to memory: {}", number, Failures.oneLine(e));
        }
    }
}
