package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.JournalReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The export run inside the server: {@link CallRecordExport#follow()} on a daemon thread of its own
 * ("billing-export"). When it fails (a full disk, an entry the rater refuses) it logs the error and starts
 * again from the last commit after {@code retryDelay}, until closed. The call path never waits for it.
 */
public final class ExportService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExportService.class);

    private final Supplier<JournalReader> readers;
    private final Path outDir;
    private final Function<JournalEvent, List<CallRecord>> rater;
    private final ExportSettings settings;
    private final Duration retryDelay;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile CallRecordExport running;

    /**
     * @param readers    a new reader over the journal for each (re)start, e.g. {@code journal::newReader}
     * @param retryDelay how long to wait after a failure before starting again
     */
    public ExportService(Supplier<JournalReader> readers, Path outDir,
                         Function<JournalEvent, List<CallRecord>> rater, ExportSettings settings,
                         Duration retryDelay) {
        this.readers = readers;
        this.outDir = outDir;
        this.rater = rater;
        this.settings = settings;
        this.retryDelay = retryDelay;
        this.thread = new Thread(this::loop, "billing-export");
        this.thread.setDaemon(true);
    }

    /** The export of the server's journal into {@code outDir}, default settings, retrying every 10 s. */
    public static ExportService of(ChronicleJournal journal, Path outDir,
                                   Function<JournalEvent, List<CallRecord>> rater) {
        return new ExportService(journal::newReader, outDir, rater, ExportSettings.DEFAULT, Duration.ofSeconds(10));
    }

    /** Starts the thread; returns at once. */
    public ExportService start() {
        thread.start();
        return this;
    }

    private void loop() {
        while (closing.getCount() > 0) {
            try (CallRecordExport export = CallRecordExport.open(readers.get(), outDir, rater, settings)) {
                running = export;
                if (closing.getCount() == 0) {
                    return;
                }
                log.info("billing export: following the journal into {}", outDir);
                export.follow();
                return;
            } catch (IOException | RuntimeException e) {
                log.error("billing export into {} failed, starting again from its last commit in {}: {}", outDir,
                        retryDelay, e.getMessage());
            } finally {
                running = null;
            }
            try {
                if (closing.await(retryDelay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the export after a final commit; waits up to 10 s for it. */
    @Override
    public void close() {
        closing.countDown();
        CallRecordExport export = running;
        if (export != null) {
            export.stop();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("billing export into {} did not stop within 10 s", outDir);
        }
    }
}
