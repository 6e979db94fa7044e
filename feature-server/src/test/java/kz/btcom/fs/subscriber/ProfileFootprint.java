package kz.btcom.fs.subscriber;

import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What holding every profile costs: heap used before and after {@link SubscriberDirectory#load} of generated
 * profiles, printed (the README's store section quotes it). Each profile is made of fresh objects, as a database
 * row read by {@link SubscriberRows#read} is, so nothing is shared that a real load would not share.
 * Not a test: run it by hand, e.g. {@code java -cp <classes, test-classes, slf4j-api> ...ProfileFootprint 200000}.
 */
public final class ProfileFootprint {

    private ProfileFootprint() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : (int) StoreSettings.DEFAULT_MAX_SUBSCRIBERS;
        String pinHash = Pin.of("1234").encoded();
        measure("plain line (nothing subscribed)", count, i -> plain(i, pinHash));
        measure("busy line (forwarding to 3 numbers, PIN lock, 80 B of extra JSON)", count, i -> busy(i, pinHash));
    }

    private static void measure(String what, int count, Function<Integer, Subscriber> profile) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        SubscriberDirectory directory = SubscriberDirectory.load(new GeneratedStore(count, profile),
                StoreSettings.defaults().withMaxSubscribers(count), new FakeScheduler(FakeClock.at(
                        "2026-11-25T08:00:00Z")), Runnable::run);
        long after = usedAfterGc(memory);
        System.out.printf("%s: %d profiles, %.1f MB, %d bytes a profile%n", what, directory.size(),
                (after - before) / 1e6, (after - before) / count);
        directory.close();
    }

    private static Subscriber plain(int i, String pinHash) {
        return new Subscriber(number(i), LineStatus.ACTIVE, new Pin(new String(pinHash)),
                new Services(false, false, new CallWaiting(false, false), new Forwarding(false, Optional.empty(),
                        Optional.empty(), Optional.empty(), 20, Optional.empty()), new Barring(false, 0),
                        false, false, false, false),
                new PinGuard(0, Optional.empty()), new String("{}"));
    }

    private static Subscriber busy(int i, String pinHash) {
        Forwarding forwarding = new Forwarding(true, Optional.of("+7701" + (2_000_000 + i)),
                Optional.of("+7702" + (3_000_000 + i)), Optional.of("+7705" + (4_000_000 + i)), 25, Optional.empty());
        return new Subscriber(number(i), LineStatus.ACTIVE, new Pin(new String(pinHash)),
                new Services(true, false, new CallWaiting(true, true), forwarding, new Barring(true, 2),
                        true, true, true, false),
                new PinGuard(2, Optional.of(Instant.ofEpochSecond(1_790_000_000L + i))),
                "{\"tariffPlan\":\"home-2026\",\"account\":\"" + (10_000_000 + i) + "\",\"note\":\"generated line\"}");
    }

    private static String number(int i) {
        return "+7727" + (1_000_000 + i);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Pages of fresh profiles in number order, as the database would give them. */
    private static final class GeneratedStore implements SubscriberStore {
        private final int count;
        private final Function<Integer, Subscriber> profile;

        GeneratedStore(int count, Function<Integer, Subscriber> profile) {
            this.count = count;
            this.profile = profile;
        }

        @Override
        public List<Subscriber> list(String prefix, String after, int limit) {
            int from = after.isEmpty() ? 0 : Integer.parseInt(after.substring(5)) - 1_000_000 + 1;
            List<Subscriber> page = new ArrayList<>();
            for (int i = from; i < count && page.size() < limit; i++) {
                page.add(profile.apply(i));
            }
            return page;
        }

        @Override
        public Optional<Subscriber> find(String number) {
            throw new UnsupportedOperationException("a load only lists");
        }

        @Override
        public boolean put(Subscriber subscriber) {
            throw new UnsupportedOperationException("a load only lists");
        }

        @Override
        public boolean delete(String number) {
            throw new UnsupportedOperationException("a load only lists");
        }

        @Override
        public <R> Optional<Change<R>> update(String number, Function<Subscriber, Change<R>> change) {
            throw new UnsupportedOperationException("a load only lists");
        }

        @Override
        public void close() {
        }
    }
}
