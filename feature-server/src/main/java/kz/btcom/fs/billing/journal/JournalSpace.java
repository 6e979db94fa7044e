package kz.btcom.fs.billing.journal;

import kz.btcom.fs.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Whether the billing journal can take the calls of a new call: a call that cannot be billed is not connected.
 *
 * <p>The journal is a memory-mapped file: when the disk is full, a write does not fail politely, the page it lands on
 * cannot be backed (SIGBUS). So this does not wait for a write to fail: it looks at the free space of the journal's
 * file system every second and stops new calls while less than the reserve is left. The reserve is for the calls
 * already in progress, which go on and end billed. A write that fails all the same (a file made read-only, a
 * mapping lost) stops new calls too, until the entries kept in memory since then are written ({@link
 * JournalBacklog}). New calls are taken again by themselves once both are over: nobody has to restart anything.
 *
 * <p>Checks run on the injected scheduler, so a test moves them with fake time.
 */
public final class JournalSpace implements AutoCloseable {

    /** The free space, in bytes, of the file system the journal is on (what a non-root process may use). */
    @FunctionalInterface
    public interface UsableSpace {
        long bytes() throws IOException;

        static UsableSpace of(Path directory) {
            return () -> Files.getFileStore(directory).getUsableSpace();
        }
    }

    /** The journal's entries that wait in memory because a write failed ({@link JournalBacklog}). */
    interface WaitingEntries {
        /** Writes them, in order; whether none waits any more. */
        boolean write();

        boolean any();
    }

    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(JournalSpace.class);

    private final UsableSpace usable;
    private final long reserveBytes;
    private final WaitingEntries waiting;
    private final Scheduler scheduler;
    private final Consumer<Boolean> onChange;
    private volatile boolean takesNewCalls = true;
    private volatile long usableBytes = -1;
    private volatile boolean closed;
    private Scheduler.Timer next;

    private JournalSpace(UsableSpace usable, long reserveBytes, WaitingEntries waiting,
                         Scheduler scheduler, Consumer<Boolean> onChange) {
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("reserveBytes " + reserveBytes);
        }
        this.usable = Objects.requireNonNull(usable, "usable");
        this.reserveBytes = reserveBytes;
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    /**
     * Checks now and then every second until closed.
     *
     * @param onChange told {@code false} when new calls stop, {@code true} when they are taken again (on the
     *                 scheduler's thread)
     */
    public static JournalSpace watch(ChronicleJournal journal, long reserveBytes, Scheduler scheduler,
                                     Consumer<Boolean> onChange) {
        return watch(UsableSpace.of(journal.directory()), reserveBytes, new WaitingEntries() {
            @Override
            public boolean write() {
                return journal.retryWaitingEntries();
            }

            @Override
            public boolean any() {
                return journal.entriesWait();
            }
        }, scheduler, onChange);
    }

    /** As {@link #watch(ChronicleJournal, long, Scheduler, Consumer)}, with the space and the retry given. */
    static JournalSpace watch(UsableSpace usable, long reserveBytes, WaitingEntries waiting,
                              Scheduler scheduler, Consumer<Boolean> onChange) {
        JournalSpace space = new JournalSpace(usable, reserveBytes, waiting, scheduler, onChange);
        space.check();
        return space;
    }

    /** Whether a new call may be connected: the journal has its reserve and nothing waits to be written. */
    public boolean takesNewCalls() {
        // The entries waiting are read at once: a write that failed a moment ago stops the next call already.
        return takesNewCalls && !waiting.any();
    }

    /** The free space at the last check, in bytes; -1 when it could not be read. */
    public long usableBytes() {
        return usableBytes;
    }

    private synchronized void check() {
        if (closed) {
            return;
        }
        try {
            boolean enoughSpace = measure() >= reserveBytes;
            // Only with space: a retry on a full disk would write into pages that cannot be backed.
            boolean nothingWaits = enoughSpace && waiting.write();
            changeTo(enoughSpace && nothingWaits, enoughSpace);
        } finally {
            next = scheduler.schedule(CHECK_EVERY, this::check);
        }
    }

    private long measure() {
        try {
            usableBytes = usable.bytes();
        } catch (IOException | RuntimeException e) {
            if (usableBytes != -1) {
                log.warn("cannot read the free space of the billing journal's file system", e);
            }
            usableBytes = -1;
        }
        return usableBytes;
    }

    private void changeTo(boolean takes, boolean enoughSpace) {
        if (takes == takesNewCalls) {
            return;
        }
        takesNewCalls = takes;
        if (takes) {
            log.warn("the billing journal has its reserve again ({} MB free): new calls are taken",
                    usableBytes / (1024 * 1024));
        } else if (!enoughSpace) {
            log.error("the billing journal's file system has {} MB free, less than the reserve of {} MB for the"
                            + " calls in progress: new calls get 503 until there is space",
                    usableBytes < 0 ? "?" : usableBytes / (1024 * 1024), reserveBytes / (1024 * 1024));
        } else {
            log.error("the billing journal refuses entries: new calls get 503 until it takes them again");
        }
        onChange.accept(takes);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel();
        }
    }
}
