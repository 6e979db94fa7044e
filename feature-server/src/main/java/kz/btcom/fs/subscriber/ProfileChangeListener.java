package kz.btcom.fs.subscriber;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a profile change made on another node reaches this node's memory within a second: every write on a shared
 * PostgreSQL sends {@code NOTIFY subscriber_changed, '<number>'} ({@link Dialect#announceChange}); a
 * {@link NotificationListener} on that channel hands each number to {@code changed}, and after every
 * (re)connection the directory reloads every profile (what was announced while the connection was down is
 * unknown). The directory's full reload every {@code store.cacheRefreshSeconds} stays as the fallback behind this.
 */
public final class ProfileChangeListener implements AutoCloseable {

    /** The channel the writers NOTIFY and the nodes LISTEN on; the payload is the number in E.164. */
    public static final String CHANNEL = "subscriber_changed";
    static final Duration RETRY = NotificationListener.RETRY;
    private static final String WHAT = "profile changes";

    private final NotificationListener listener;

    private ProfileChangeListener(NotificationListener listener) {
        this.listener = listener;
    }

    /**
     * Starts listening when the settings name a PostgreSQL database; the embedded H2 database is one node's
     * alone and needs none of this.
     */
    public static Optional<ProfileChangeListener> startFor(StoreSettings settings, SubscriberDirectory directory) {
        Objects.requireNonNull(directory, "directory");
        return NotificationListener.startFor(settings, CHANNEL, WHAT, directory::changedElsewhere,
                directory::reloadAll).map(ProfileChangeListener::new);
    }

    /**
     * @param changed called on the listener's thread with each number announced (this node's own writes too)
     * @param resync  called after every (re)connection: announcements may have been missed
     */
    static ProfileChangeListener start(String url, String user, String password, Consumer<String> changed,
                                       Runnable resync) {
        return new ProfileChangeListener(NotificationListener.start(url, user, password, CHANNEL, WHAT, changed,
                resync));
    }

    /** Waits until the first LISTEN is in place (tests, and a start that wants to say so). */
    boolean awaitListening(Duration timeout) throws InterruptedException {
        return listener.awaitListening(timeout);
    }

    @Override
    public void close() {
        listener.close();
    }
}
