package kz.btcom.fs.testing;

import kz.btcom.fs.service.callreturn.LastCall;
import kz.btcom.fs.service.callreturn.LastCallStore;
import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.service.mcid.MaliciousCallStore;
import kz.btcom.fs.subscriber.StoreException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The last calls and malicious-call records in memory, for tests of the services; either can be made to fail. */
public final class InMemoryCallHistoryStores {

    private InMemoryCallHistoryStores() {
    }

    /** Last calls in a map; {@link #saves} counts the batches written. */
    public static final class LastCalls implements LastCallStore {
        public final Map<String, LastCall> saved = new ConcurrentHashMap<>();
        public volatile int saves;
        public volatile boolean failing;

        @Override
        public Optional<LastCall> find(String subscriber) {
            if (failing) {
                throw new StoreException("the database is down", null);
            }
            return Optional.ofNullable(saved.get(subscriber));
        }

        @Override
        public Map<String, LastCall> findAll() {
            if (failing) {
                throw new StoreException("the database is down", null);
            }
            return Map.copyOf(saved);
        }

        @Override
        public void saveAll(Map<String, LastCall> calls) {
            if (failing) {
                throw new StoreException("the database is down", null);
            }
            saved.putAll(calls);
            saves++;
        }
    }

    /** Malicious-call records in a list. */
    public static final class MaliciousCalls implements MaliciousCallStore {
        public final List<MaliciousCallRecord> records = new CopyOnWriteArrayList<>();
        public volatile boolean failing;

        @Override
        public void add(MaliciousCallRecord record) {
            if (failing) {
                throw new StoreException("the database is down", null);
            }
            records.add(record);
        }

        @Override
        public List<MaliciousCallRecord> find(Optional<String> victim, Instant from, Instant to, int limit) {
            List<MaliciousCallRecord> found = new ArrayList<>();
            records.stream()
                    .filter(r -> victim.map(r.victim()::equals).orElse(true))
                    .filter(r -> !r.flaggedAt().isBefore(from) && r.flaggedAt().isBefore(to))
                    .sorted(Comparator.comparing(MaliciousCallRecord::flaggedAt))
                    .limit(limit)
                    .forEach(found::add);
            return found;
        }
    }
}
