package kz.btcom.fs.subscriber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every profile of the database, a page at a time in number order, so no single query holds the whole
 * table and a page's connection goes back to the pool before the next one is taken.
 */
final class AllProfiles {

    /** Rows per query: a few MB of profiles, a few hundred milliseconds of database time. */
    static final int PAGE = 5_000;

    private AllProfiles() {
    }

    /**
     * @param most the most profiles this node holds ({@code store.cacheSize})
     * @throws StoreException the database failed, or holds more than {@code most} (then it was read to the end,
     *                        to say how many)
     */
    static Map<String, Subscriber> read(SubscriberStore store, long most) {
        Map<String, Subscriber> profiles = new HashMap<>();
        long count = 0;
        String after = "";
        while (true) {
            List<Subscriber> page = store.list("", after, PAGE);
            for (Subscriber subscriber : page) {
                if (++count <= most) {
                    profiles.put(subscriber.number(), subscriber);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).number();
        }
        if (count > most) {
            throw new StoreException(tooMany(count, most), null);
        }
        return profiles;
    }

    /** Names the key and both counts: the operator's fix is in the message. */
    static String tooMany(long count, long most) {
        return "the database holds " + count + " subscribers, more than store.cacheSize (" + most
                + "), the most this node holds in memory: raise store.cacheSize to at least " + count;
    }
}
