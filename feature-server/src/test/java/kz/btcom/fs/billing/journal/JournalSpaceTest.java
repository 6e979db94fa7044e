package kz.btcom.fs.billing.journal;

import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call that cannot be billed is not connected: new calls stop while the journal's file system has less free
 * space than the reserve, or while entries wait because the journal refused one, and go on by themselves when both
 * are over. Checked every second, on fake time here.
 */
class JournalSpaceTest {

    private static final long MB = 1024 * 1024;
    private static final long RESERVE = 256 * MB;

    private final FakeClock clock = FakeClock.at("2026-12-06T10:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    private final List<Boolean> told = new ArrayList<>();
    private long free = 10_000 * MB;
    private boolean entriesWait;
    private boolean journalTakesEntries = true;
    private int retries;

    private final JournalSpace.WaitingEntries waiting = new JournalSpace.WaitingEntries() {
        @Override
        public boolean write() {
            retries++;
            if (entriesWait && journalTakesEntries) {
                entriesWait = false;
            }
            return !entriesWait;
        }

        @Override
        public boolean any() {
            return entriesWait;
        }
    };

    private JournalSpace watch() {
        return JournalSpace.watch(() -> free, RESERVE, waiting, scheduler, told::add);
    }

    @Test
    void withTheReserveFreeNewCallsAreTaken() {
        JournalSpace space = watch();

        assertTrue(space.takesNewCalls());
        assertEquals(10_000 * MB, space.usableBytes());
        assertEquals(List.of(), told, "nothing changed");
    }

    @Test
    void lessFreeThanTheReserveStopsNewCallsAtTheNextCheckAndSpaceAgainResumesThem() {
        JournalSpace space = watch();

        free = RESERVE - 1;
        scheduler.advance(Duration.ofMillis(999));
        assertTrue(space.takesNewCalls(), "not checked yet");
        scheduler.advance(Duration.ofMillis(1));
        assertFalse(space.takesNewCalls());
        assertEquals(List.of(false), told);

        scheduler.advance(Duration.ofSeconds(30));
        assertFalse(space.takesNewCalls());
        assertEquals(List.of(false), told, "told once, not every second");

        free = RESERVE;
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(space.takesNewCalls());
        assertEquals(List.of(false, true), told);
    }

    @Test
    void aServerStartedOnAFullDiskTakesNoCallFromTheStart() {
        free = 10 * MB;

        JournalSpace space = watch();

        assertFalse(space.takesNewCalls());
        assertEquals(List.of(false), told);
    }

    @Test
    void anEntryTheJournalRefusedStopsNewCallsAtOnceUntilItIsWritten() {
        JournalSpace space = watch();

        entriesWait = true;
        journalTakesEntries = false;
        assertFalse(space.takesNewCalls(), "at once, not at the next check");

        scheduler.advance(Duration.ofSeconds(5));
        assertFalse(space.takesNewCalls());
        assertEquals(List.of(false), told);

        journalTakesEntries = true;
        scheduler.advance(Duration.ofSeconds(1));
        assertFalse(entriesWait, "the waiting entries were written");
        assertTrue(space.takesNewCalls());
        assertEquals(List.of(false, true), told);
    }

    @Test
    void waitingEntriesAreNotRetriedOnADiskWithoutTheReserve() {
        watch();
        free = MB;
        entriesWait = true;
        int before = retries;

        scheduler.advance(Duration.ofSeconds(10));

        assertEquals(before, retries, "a write into a full memory-mapped file would fault again");
    }

    @Test
    void freeSpaceThatCannotBeReadStopsNewCalls() {
        JournalSpace space = JournalSpace.watch(() -> {
            throw new IOException("the journal's directory is gone");
        }, RESERVE, waiting, scheduler, told::add);

        assertFalse(space.takesNewCalls());
        assertEquals(-1, space.usableBytes());
    }

    @Test
    void closedItChecksNoMore() {
        JournalSpace space = watch();
        space.close();

        free = 0;
        scheduler.advance(Duration.ofSeconds(10));

        assertTrue(space.takesNewCalls());
        assertEquals(0, scheduler.pendingTasks());
    }
}
