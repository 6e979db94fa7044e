package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;
import kz.btcom.fs.billing.journal.JournalReader.Entry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The export of call records for the billing system: reads the journal in order, rates each entry into its
 * records (a call's release into its call records, a chargeable use of a feature into its fee record: the
 * {@code JournalRater}; any other event into none) and appends them to {@code <out>/calls-YYYY-MM-DD.csv}
 * ({@link ExportCsv}), one file per UTC day on which the entries were journaled (the journal's own daily file), so
 * the files close in order and a day's file is complete once the next day's exists.
 *
 * <p>Exactly once, across kills: the export commits every {@link ExportSettings#batchEntries()} entries or
 * {@link ExportSettings#commitEvery()}, and when it has read everything: it fsyncs the CSV file, then replaces
 * {@code export.position} atomically ({@link PositionFile}) with the index of the last entry exported and the CSV
 * file's length. On start it cuts the newest CSV file back to that length, deletes CSV files of later days
 * (nothing in them was committed) and reads on after that index. Whatever moment it was killed at, the CSV files
 * then hold exactly the records of the entries up to the index, and the entries after it are exported next.
 *
 * <p>One export per output directory ({@code export.lock}, released by the OS when the process dies). Not
 * thread-safe, except {@link #stop()}.
 */
public final class CallRecordExport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallRecordExport.class);

    private final JournalReader journal;
    private final Path outDir;
    private final Function<JournalEvent, List<CallRecord>> rater;
    private final ExportSettings settings;
    private final PositionFile positions;
    private final FileChannel lockChannel;
    private final long commitEveryNanos;

    private ExportPosition committed;
    private CsvFile current;
    private boolean newFileToSync;
    private long lastIndex;
    private int uncommitted;
    private long oldestUncommittedNanos;
    private long records;
    private boolean failed;
    private volatile boolean stopRequested;
    private volatile Thread follower;

    private CallRecordExport(JournalReader journal, Path outDir, Function<JournalEvent, List<CallRecord>> rater,
                             ExportSettings settings, FileChannel lockChannel) {
        this.journal = journal;
        this.outDir = outDir;
        this.rater = rater;
        this.settings = settings;
        this.positions = new PositionFile(outDir);
        this.lockChannel = lockChannel;
        this.commitEveryNanos = settings.commitEvery().toNanos();
    }

    /**
     * Opens the export of {@code journal} into {@code outDir} (created if missing) and recovers its committed
     * position. It takes over the reader and closes it with itself.
     *
     * @param rater turns a journal entry's event into its records, none for most (the real one:
     *              {@code new JournalRater(tariffs)::rate})
     * @throws IOException another export holds the directory, or its state does not fit the journal or the
     *                     files (the message says what and where)
     */
    public static CallRecordExport open(JournalReader journal, Path outDir,
                                        Function<JournalEvent, List<CallRecord>> rater,
                                        ExportSettings settings) throws IOException {
        Objects.requireNonNull(rater, "rater");
        Objects.requireNonNull(settings, "settings");
        CallRecordExport export = null;
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(outDir);
            lockChannel = lock(outDir);
            export = new CallRecordExport(journal, outDir, rater, settings, lockChannel);
            export.recover();
            return export;
        } catch (IOException | RuntimeException e) {
            if (export != null) {
                export.closeQuietly();
            } else {
                journal.close();
                if (lockChannel != null) {
                    lockChannel.close();
                }
            }
            throw e;
        }
    }

    /** Opens the journal of {@code dataDir} and the export of it into {@code outDir}. */
    public static CallRecordExport open(Path dataDir, Path outDir,
                                        Function<JournalEvent, List<CallRecord>> rater,
                                        ExportSettings settings) throws IOException {
        return open(JournalReader.open(dataDir), outDir, rater, settings);
    }

    /** What is committed now. */
    public ExportPosition committed() {
        return committed;
    }

    /** Records written since this export was opened (committed or not). */
    public long recordsWritten() {
        return records;
    }

    /**
     * Exports everything the journal holds now and commits it.
     *
     * @return the number of journal entries read
     */
    public long exportAvailable() throws IOException {
        if (failed) {
            throw new IllegalStateException("the export failed before: close it and open it again");
        }
        try {
            long entries = 0;
            for (Optional<Entry> entry = journal.next(); entry.isPresent(); entry = journal.next()) {
                accept(entry.get());
                entries++;
                if (stopRequested) {
                    break;
                }
            }
            commit();
            return entries;
        } catch (IOException | RuntimeException | Error e) {
            // Part of an entry's records may be written: nothing more may be committed. Reopening cuts the
            // files back to the last commit.
            failed = true;
            throw e;
        }
    }

    /**
     * Exports what the journal holds and then what is written to it, until {@link #stop()}; commits before it
     * returns.
     */
    public void follow() throws IOException {
        follower = Thread.currentThread();
        try {
            long idleNanos = settings.idlePause().toNanos();
            while (!stopRequested) {
                if (exportAvailable() == 0 && !stopRequested) {
                    LockSupport.parkNanos(this, idleNanos);
                }
            }
        } finally {
            follower = null;
        }
    }

    /** Asks {@link #follow()} (or {@link #exportAvailable()}) to commit and return; any thread. */
    public void stop() {
        stopRequested = true;
        Thread t = follower;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void accept(Entry entry) throws IOException {
        String name = OutputFiles.csvName(journal.dayOf(entry.index()));
        if (current == null || !current.name().equals(name)) {
            switchTo(name);
        }
        JournalEvent event = entry.event();
        List<CallRecord> rated;
        try {
            rated = rater.apply(event);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot rate " + event.getClass().getSimpleName() + " of call "
                    + event.callId() + " (journal index " + entry.index() + "): " + e.getMessage(), e);
        }
        // Every record of the entry is written before the entry counts as exported: a commit never splits them.
        for (CallRecord record : rated) {
            current.append(ExportCsv.line(record, current.layout()));
        }
        records += rated.size();
        lastIndex = entry.index();
        long now = System.nanoTime();
        if (uncommitted++ == 0) {
            oldestUncommittedNanos = now;
        }
        if (uncommitted >= settings.batchEntries() || now - oldestUncommittedNanos >= commitEveryNanos) {
            commit();
        }
    }

    /** The next day's file: the current one is committed and closed (it is complete), the new one created. */
    private void switchTo(String name) throws IOException {
        if (current != null) {
            commit();
            current.close();
            current = null;
        }
        current = CsvFile.create(outDir.resolve(name), settings.bufferBytes());
        newFileToSync = true;
    }

    /** Makes everything written so far durable, then says so in the position file. */
    private void commit() throws IOException {
        if (uncommitted == 0 && (current == null || current.length() == committed.length())) {
            return;
        }
        current.sync();
        if (newFileToSync) {
            PositionFile.syncDirectory(outDir);
            newFileToSync = false;
        }
        ExportPosition next = new ExportPosition(lastIndex, current.name(), current.length());
        positions.store(next);
        committed = next;
        uncommitted = 0;
    }

    /** Back to the committed state: files cut back to it, the journal positioned after it. */
    private void recover() throws IOException {
        Optional<ExportPosition> stored = positions.load();
        List<Path> csvFiles = OutputFiles.csvFiles(outDir);
        if (stored.isEmpty()) {
            if (!csvFiles.isEmpty()) {
                throw new IOException(outDir + " holds " + csvFiles.get(0).getFileName() + " but no "
                        + OutputFiles.POSITION + ": without it the export cannot tell what it has written; restore it"
                        + " or use an empty directory");
            }
            positions.store(ExportPosition.START);
            stored = Optional.of(ExportPosition.START);
        }
        committed = stored.get();
        for (Path csv : csvFiles) {
            String name = csv.getFileName().toString();
            if (committed.file() == null || name.compareTo(committed.file()) > 0) {
                log.info("billing export: deleting {}: written after the last commit, it will be written again",
                        csv);
                Files.delete(csv);
            }
        }
        if (committed.file() != null) {
            Path path = outDir.resolve(committed.file());
            long size = Files.isRegularFile(path) ? Files.size(path) : -1;
            current = CsvFile.openCommitted(path, committed.length(), settings.bufferBytes());
            if (size > committed.length()) {
                log.info("billing export: cut {} from {} back to {} bytes, the last commit", path, size,
                        committed.length());
            }
        }
        PositionFile.syncDirectory(outDir);
        lastIndex = committed.lastIndex();
        if (committed.atStart()) {
            journal.toStart();
            return;
        }
        if (!journal.moveTo(committed.lastIndex())) {
            throw new IOException(positions.path() + " says entry " + committed.lastIndex()
                    + " was exported last, but the journal holds no such entry: a different or truncated journal?");
        }
        Optional<Entry> last = journal.next();
        if (last.isEmpty() || last.get().index() != committed.lastIndex()) {
            throw new IOException("the journal does not read back entry " + committed.lastIndex() + " named by "
                    + positions.path());
        }
        log.info("billing export: resuming after journal entry {} ({}, {} bytes)", committed.lastIndex(),
                committed.file(), committed.length());
    }

    private static FileChannel lock(Path outDir) throws IOException {
        FileChannel channel = FileChannel.open(outDir.resolve(OutputFiles.LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("another billing export is writing to " + outDir);
        }
        return channel;
    }

    /**
     * Commits what was written (unless exporting failed: then the next open cuts back to the last commit), then
     * closes the files, the journal reader and the lock.
     */
    @Override
    public void close() throws IOException {
        try {
            if (!failed) {
                commit();
            }
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException e) {
            log.warn("billing export: closing {}: {}", current.path(), e.toString());
        }
        journal.close();
        try {
            lockChannel.close();
        } catch (IOException e) {
            log.warn("billing export: releasing the lock of {}: {}", outDir, e.toString());
        }
    }
}
