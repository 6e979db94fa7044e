package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.JournalReader;
import kz.btcom.fs.billing.journal.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ExportServiceTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path out;

    @Test
    void theServiceExportsWhatTheServerJournalsOnItsOwnThreadAndStopsCleanly() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            ExportService service = ExportService.of(journal, out, new StandInRater()).start();
            try {
                writeReleases(journal, 2_000);
                awaitCommitOfTheLastEntry(journal);
            } finally {
                service.close();
            }
        }

        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void afterAFailureTheServiceStartsAgainFromItsLastCommit() throws Exception {
        AtomicBoolean failedOnce = new AtomicBoolean();
        StandInRater rater = new StandInRater();
        Function<JournalEvent, List<CallRecord>> failsOnceOnS1500 = event -> {
            if (event instanceof CallRelease && event.callId().equals("s-1500")
                    && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("tariffs being reloaded");
            }
            return rater.apply(event);
        };
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            writeReleases(journal, 2_000);
            ExportService service = new ExportService(journal::newReader, out, failsOnceOnS1500,
                    ExportSettings.DEFAULT, Duration.ofMillis(1)).start();
            try {
                awaitCommitOfTheLastEntry(journal);
            } finally {
                service.close();
            }
        }

        assertTrue(failedOnce.get());
        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    private static void writeReleases(ChronicleJournal journal, int count) {
        for (int i = 0; i < count; i++) {
            journal.release(SampleEvents.release("s-" + i, 1_000L * (i % 7), i % 4 != 0, i % 3));
        }
    }

    /** Waits (up to 20 s) until the export's position file names the journal's last entry. */
    private void awaitCommitOfTheLastEntry(ChronicleJournal journal) throws Exception {
        AtomicLong last = new AtomicLong(-1);
        try (JournalReader reader = journal.newReader()) {
            reader.forEachRemaining(e -> last.set(e.index()));
        }
        PositionFile positions = new PositionFile(out);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (positions.load().map(ExportPosition::lastIndex).orElse(-1L) != last.get()) {
            if (System.nanoTime() > deadline) {
                fail("the export did not commit entry " + last.get() + " in 20 s: " + positions.load());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
