package kz.btcom.fs.billing.journal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An entry the journal refuses is kept, with every entry after it, and written in order once the journal takes
 * entries again: a call in progress when the disk filled still ends billed.
 */
class JournalBacklogTest {

    /** A journal file that takes entries until told otherwise, as a full disk or a read-only file would. */
    static final class Disk {
        final List<String> written = new ArrayList<>();
        boolean full;
        boolean faultAsTheJvmReportsAMappedPage;

        void write(String entry) {
            if (full) {
                if (faultAsTheJvmReportsAMappedPage) {
                    throw new InternalError("a fault occurred in an unsafe memory access operation");
                }
                throw new IllegalStateException("No space left on device");
            }
            written.add(entry);
        }
    }

    private final Disk disk = new Disk();
    private final JournalBacklog<Disk> backlog = new JournalBacklog<>(disk);

    private void write(String entry) {
        backlog.write(d -> d.write(entry));
    }

    @Test
    void entriesGoStraightToTheJournalWhileItTakesThem() {
        write("attempt A");
        write("release A");

        assertEquals(List.of("attempt A", "release A"), disk.written);
        assertFalse(backlog.failing());
        assertEquals(0, backlog.waiting());
        assertTrue(backlog.retry(), "nothing to retry");
    }

    @Test
    void aRefusedEntryAndEveryOneAfterItWaitAndAreWrittenInOrderLater() {
        write("attempt A");
        disk.full = true;
        write("answer A");
        disk.full = false; // the next entry would fit, but must not overtake the one that waits
        write("release A");

        assertEquals(List.of("attempt A"), disk.written);
        assertTrue(backlog.failing());
        assertEquals(2, backlog.waiting());

        assertTrue(backlog.retry());
        assertEquals(List.of("attempt A", "answer A", "release A"), disk.written);
        assertFalse(backlog.failing());
        write("attempt B");
        assertEquals("attempt B", disk.written.get(3), "straight to the journal again");
        assertEquals(1, backlog.failures(), "one entry was refused at its first try");
    }

    @Test
    void aRetryThatFailsAgainKeepsEverythingForTheNextOne() {
        disk.full = true;
        write("release A");
        write("release B");

        assertFalse(backlog.retry());
        assertEquals(2, backlog.waiting());
        assertEquals(List.of(), disk.written);

        disk.full = false;
        assertTrue(backlog.retry());
        assertEquals(List.of("release A", "release B"), disk.written);
    }

    @Test
    void aFaultInTheMappedFileIsARefusalLikeAnyOther() {
        disk.full = true;
        disk.faultAsTheJvmReportsAMappedPage = true;
        write("release A");

        assertTrue(backlog.failing());
        disk.full = false;
        assertTrue(backlog.retry());
        assertEquals(List.of("release A"), disk.written);
    }
}
