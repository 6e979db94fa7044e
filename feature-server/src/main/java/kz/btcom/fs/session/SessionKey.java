package kz.btcom.fs.session;

import java.util.Objects;

/**
 * Names one kind of data a service keeps about a call in its {@link SessionCall}, with its type: the service that
 * declares the key owns the data. Compared by identity: declare each key once, as a constant.
 */
public final class SessionKey<T> {

    private final String name;

    private SessionKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public static <T> SessionKey<T> named(String name) {
        return new SessionKey<>(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
