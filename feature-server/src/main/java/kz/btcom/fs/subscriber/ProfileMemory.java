package kz.btcom.fs.subscriber;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every profile of this node, in one map that call lanes read without a lock. A full reload builds a new map
 * off to the side and swaps it in whole, so a reader sees either the old map or the new one, never half of one.
 * A profile changed while a reload is reading the database is noted and written into the new map just before the
 * swap: the reload may have read that row before the change committed, and must not undo it.
 */
final class ProfileMemory {

    private volatile ConcurrentHashMap<String, Subscriber> profiles = new ConcurrentHashMap<>();
    /** Changes made since the running reload began (an empty Optional: deleted); null while none runs. */
    private Map<String, Optional<Subscriber>> changedDuringReload;

    Optional<Subscriber> get(String number) {
        return Optional.ofNullable(profiles.get(number));
    }

    int size() {
        return profiles.size();
    }

    /** This number's profile from now on; empty: no subscriber of ours. */
    synchronized void set(String number, Optional<Subscriber> profile) {
        Objects.requireNonNull(number, "number");
        apply(profiles, number, profile);
        if (changedDuringReload != null) {
            changedDuringReload.put(number, profile);
        }
    }

    /** A reload is about to read the database: changes from now on are kept for {@link #replaceWith}. */
    synchronized void reloadBegins() {
        changedDuringReload = new LinkedHashMap<>();
    }

    /** The reload failed: the map stays as it is, with every change already in it. */
    synchronized void reloadFailed() {
        changedDuringReload = null;
    }

    /** Swaps in what the reload read, with the changes made meanwhile written over it. */
    synchronized void replaceWith(Map<String, Subscriber> loaded) {
        ConcurrentHashMap<String, Subscriber> fresh = new ConcurrentHashMap<>(loaded);
        if (changedDuringReload != null) {
            changedDuringReload.forEach((number, profile) -> apply(fresh, number, profile));
        }
        changedDuringReload = null;
        profiles = fresh;
    }

    private static void apply(Map<String, Subscriber> map, String number, Optional<Subscriber> profile) {
        if (profile.isPresent()) {
            map.put(number, profile.get());
        } else {
            map.remove(number);
        }
    }
}
