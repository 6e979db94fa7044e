package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.journal.ChildJvm;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.SampleEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.billing.rating.TestTariffs;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * PRODUCT.md "Billing": killed and restarted, the export neither loses nor repeats a record. The export runs as
 * {@code ExportMain --follow} in a JVM of its own, on a journal of 20 000 releases written beforehand that this
 * test keeps writing to; it is killed with SIGKILL ({@link Process#destroyForcibly()}) at random moments, once while
 * it starts and then each time somewhere in the batch after a commit of its own, and started again. At the end a last run (one pass) exports the rest, and
 * the CSV files must hold the records of every release in the journal exactly once, in journal order. Once with
 * releases alone (the tests' stand-in rater), once with fees among them: a wake-up call after every third call,
 * answered every other time, and a malicious call record after every seventh, rated with the test tariffs.
 */
class ExportKillTest {

    private static final int KILLS = 6;
    private static final int WRITTEN_BEFORE = 20_000;
    private static final int WRITTEN_DURING_AT_MOST = 60_000;

    @TempDir
    Path dataDir;

    @TempDir
    Path out;

    @TempDir
    Path logs;

    /** The test tariffs, for the runs with fees (the export's {@code --tariffs}). */
    private static final Path TARIFFS =
            Path.of("src/test/resources/kz/btcom/fs/billing/rating/tariffs-for-tests.yaml").toAbsolutePath();

    private boolean withFees;

    @ParameterizedTest(name = "with fees: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(60)
    void killedWithSigkillAtRandomMomentsAndRestartedTheExportHoldsEveryRecordExactlyOnce(boolean withFees)
            throws Exception {
        this.withFees = withFees;
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String context = "seed " + seed + ", logs in " + logs;
        AtomicBoolean stopWriting = new AtomicBoolean();
        List<String> kills = new ArrayList<>();
        int leftUncommitted = 0;

        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            for (int i = 0; i < WRITTEN_BEFORE; i++) {
                write(journal, "before-", i);
            }
            CompletableFuture<Integer> writer = CompletableFuture.supplyAsync(() -> {
                int i = 0;
                while (!stopWriting.get() && i < WRITTEN_DURING_AT_MOST) {
                    write(journal, "during-", i);
                    if (++i % 100 == 0) {
                        LockSupport.parkNanos(2_000_000);
                    }
                }
                return i;
            });

            for (int k = 0; k < KILLS; k++) {
                Process export = start(k, true);
                String moment;
                if (k == 0) {
                    // Once while it starts: the JVM coming up, the recovery, the first reads.
                    long delayMillis = 100 + random.nextInt(500);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                    moment = delayMillis + " ms after start";
                } else {
                    // Else while it is exporting: once it has committed, somewhere in the next batch.
                    awaitCommit(export, k, context);
                    long delayMillis = random.nextInt(150);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMillis));
                    moment = delayMillis + " ms after a commit";
                }
                export.destroyForcibly();
                assertTrue(export.waitFor(10, TimeUnit.SECONDS), "killed " + context);
                boolean tail = leavesUncommittedWrites();
                leftUncommitted += tail ? 1 : 0;
                kills.add("kill " + k + " " + moment + ", exit " + export.exitValue() + ", "
                        + committed().length() + " bytes committed"
                        + (tail ? ", uncommitted records left behind" : ""));
            }
            stopWriting.set(true);
            int writtenDuring = writer.get(30, TimeUnit.SECONDS);
            kills.add(writtenDuring + " releases journaled during the kills");
        }

        Process last = start(KILLS, false);
        assertTrue(last.waitFor(30, TimeUnit.SECONDS), "the last run ends; " + context);
        assertEquals(0, last.exitValue(), () -> "the last run's exit code; " + context + "\n" + log(KILLS));

        System.out.println("ExportKillTest: " + String.join("; ", kills) + " (" + context + ")");
        List<String> expected = withFees
                ? ExportedFiles.expectedKeys(dataDir, new JournalRater(TestTariffs.FIXED)::rate)
                : ExportedFiles.expectedKeys(dataDir);
        if (withFees) {
            assertTrue(expected.stream().anyMatch(k -> k.endsWith("|wakeUpCall")), "fees in the journal");
        }
        List<String> actual = ExportedFiles.keys(out);
        ExportedFiles.assertExactlyOnce(expected, actual);
        assertTrue(actual.size() > WRITTEN_BEFORE, "records of the releases journaled during the kills too");
        assertTrue(leftUncommitted > 0, () -> "some kill should have hit records written but not committed,"
                + " else the test proves little: " + kills);
    }

    private static kz.btcom.fs.billing.JournalEvent.CallRelease release(String callId, int i) {
        return SampleEvents.release(callId, 1_000L * (i % 90), i % 5 != 0, i % 3);
    }

    /** Call {@code prefix + i}'s release and, in the runs with fees, the feature events that follow it. */
    private void write(ChronicleJournal journal, String prefix, int i) {
        journal.release(release(prefix + i, i));
        if (!withFees) {
            return;
        }
        if (i % 3 == 0) {
            journal.wakeUpCall(new JournalEvent.WakeUpCall(prefix + "wake-" + i, SampleEvents.T0, "+77272777888", i,
                    true, SampleEvents.T0, 1, i % 2 == 0 ? JournalEvent.WakeUpOutcome.ANSWERED
                            : JournalEvent.WakeUpOutcome.NO_ANSWER, "icid-wake-" + i));
        }
        if (i % 7 == 0) {
            journal.maliciousCall(new JournalEvent.MaliciousCallIdentification(prefix + i, SampleEvents.T0,
                    "+77272777888", "+77172123456", false, "callingNumber", "+77172123456"));
        }
    }

    private Process start(int run, boolean follow) throws IOException {
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--out", out.toString()));
        if (withFees) {
            args.addAll(List.of("--tariffs", TARIFFS.toString()));
        }
        if (follow) {
            args.add("--follow");
        }
        Path log = logs.resolve("export-" + run + ".log");
        return ChildJvm.builder(ExportProcess.class, log, args)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Waits until the export has committed more than it had when it started (a new commit of this run). */
    private void awaitCommit(Process export, int run, String context) throws IOException {
        long before = committed().lastIndex();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (committed().lastIndex() == before) {
            if (!export.isAlive()) {
                fail("the export ended by itself, exit " + export.exitValue() + "; " + context + "\n" + log(run));
            }
            if (System.nanoTime() > deadline) {
                fail("the export committed nothing in 20 s; " + context + "\n" + log(run));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private ExportPosition committed() throws IOException {
        return new PositionFile(out).load().orElse(ExportPosition.START);
    }

    /** Whether the CSV files hold more than the position file says is committed. */
    private boolean leavesUncommittedWrites() throws IOException {
        ExportPosition committed = committed();
        for (Path csv : OutputFiles.csvFiles(out)) {
            String name = csv.getFileName().toString();
            if (committed.file() == null || name.compareTo(committed.file()) > 0) {
                return true;
            }
            if (name.equals(committed.file()) && Files.size(csv) > committed.length()) {
                return true;
            }
        }
        return false;
    }

    private String log(int run) {
        try {
            return Files.readString(logs.resolve("export-" + run + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
