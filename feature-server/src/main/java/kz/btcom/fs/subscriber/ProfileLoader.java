package kz.btcom.fs.subscriber;

import com.github.benmanes.caffeine.cache.CacheLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * Loads profiles into {@link SubscriberDirectory}'s cache. A background refresh that fails keeps the profile the
 * node already has: calls go on with the last known settings while the database is away, and the failure is
 * logged once, not once per number.
 */
final class ProfileLoader implements CacheLoader<String, Optional<Subscriber>> {

    private static final Logger log = LoggerFactory.getLogger(ProfileLoader.class);

    private final SubscriberStore store;
    private volatile boolean refreshFailing;

    ProfileLoader(SubscriberStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Optional<Subscriber> load(String number) {
        return store.find(number);
    }

    @Override
    public Optional<Subscriber> reload(String number, Optional<Subscriber> cached) {
        try {
            Optional<Subscriber> fresh = store.find(number);
            if (refreshFailing) {
                refreshFailing = false;
                log.info("profiles refresh from the database again");
            }
            return fresh;
        } catch (StoreException e) {
            if (!refreshFailing) {
                refreshFailing = true;
                log.warn("profiles cannot be refreshed; calls use the profiles this node has: {}", e.getMessage());
            }
            return cached;
        }
    }
}
