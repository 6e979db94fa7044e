package kz.btcom.fs.testing;

import kz.btcom.fs.subscriber.StoreException;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link SubscriberStore} in a map, for tests that are not about the database; it passes the same contract
 * tests as the real stores. It counts reads (the directory in front of it should spare them) and can be made to fail
 * like a database that has gone away.
 */
public final class InMemorySubscriberStore implements SubscriberStore {

    private final TreeMap<String, Subscriber> profiles = new TreeMap<>();
    private final AtomicInteger finds = new AtomicInteger();
    private final AtomicInteger lists = new AtomicInteger();
    private volatile Optional<String> failure = Optional.empty();
    private volatile boolean closed;

    /** How many times {@link #find} was called. */
    public int finds() {
        return finds.get();
    }

    /** How many times {@link #list} was called (a page of a full load is one). */
    public int lists() {
        return lists.get();
    }

    /** From now on every method throws a {@link StoreException} with this message, until {@link #recover()}. */
    public void failWith(String message) {
        failure = Optional.of(message);
    }

    public void recover() {
        failure = Optional.empty();
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public Optional<Subscriber> find(String number) {
        Objects.requireNonNull(number, "number");
        finds.incrementAndGet();
        synchronized (profiles) {
            failIfAsked();
            return Optional.ofNullable(profiles.get(number));
        }
    }

    @Override
    public boolean put(Subscriber subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        synchronized (profiles) {
            failIfAsked();
            return profiles.put(subscriber.number(), subscriber) == null;
        }
    }

    @Override
    public boolean delete(String number) {
        Objects.requireNonNull(number, "number");
        synchronized (profiles) {
            failIfAsked();
            return profiles.remove(number) != null;
        }
    }

    @Override
    public List<Subscriber> list(String prefix, String after, int limit) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(after, "after");
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + " < 0");
        }
        lists.incrementAndGet();
        synchronized (profiles) {
            failIfAsked();
            return profiles.tailMap(after, false).values().stream()
                    .filter(subscriber -> subscriber.number().startsWith(prefix))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change) {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(change, "change");
        synchronized (profiles) {
            failIfAsked();
            Subscriber current = profiles.get(number);
            if (current == null) {
                return Optional.empty();
            }
            Change<R> result = Objects.requireNonNull(change.apply(current), "a profile change returned null");
            if (!result.subscriber().number().equals(number)) {
                throw new IllegalArgumentException("a profile change may not change the number: " + number
                        + " became " + result.subscriber().number());
            }
            profiles.put(number, result.subscriber());
            return Optional.of(result);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void failIfAsked() {
        if (failure.isPresent()) {
            throw new StoreException(failure.get(), null);
        }
    }
}
