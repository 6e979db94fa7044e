package kz.btcom.fs.subscriber;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where profiles live: the embedded database in the data directory, or PostgreSQL. Every method goes to the
 * database and may block: the call path reads {@link SubscriberDirectory}'s memory instead.
 * Failures are {@link StoreException}.
 */
public interface SubscriberStore extends AutoCloseable {

    Optional<Subscriber> find(String number);

    /** Creates or replaces the whole profile. @return true when it was created */
    boolean put(Subscriber subscriber);

    /** @return true when there was one to delete */
    boolean delete(String number);

    /**
     * Profiles in number order, for paging.
     *
     * @param prefix only numbers starting with this ("" for all)
     * @param after  only numbers after this one ("" from the start)
     */
    List<Subscriber> list(String prefix, String after, int limit);

    /**
     * Reads, changes and writes one profile in one transaction with the row locked, so a feature code and an
     * operator's PATCH cannot overwrite each other. Empty when there is no such subscriber.
     */
    <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change);

    @Override
    void close();

    /** A new profile (the same one when nothing changes) and what the change has to say about itself. */
    record Change<R>(Subscriber subscriber, R result) {
    }
}
