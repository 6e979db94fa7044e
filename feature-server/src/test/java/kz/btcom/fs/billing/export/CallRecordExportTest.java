package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.SampleEvents;
import kz.btcom.fs.billing.rating.CallRecordCsv;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.billing.rating.TestTariffs;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallRecordExportTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path out;

    private final StandInRater rater = new StandInRater();

    @Test
    void everyReleaseBecomesItsRecordsOnceAndOtherEventsNone() throws Exception {
        List<JournalEvent> events = SampleEvents.everyType();
        writeJournal(events);

        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
            assertEquals(5, export.recordsWritten(),
                    "3 releases: with 2 legs, with none, and a terminating pass with 1 (that leg only)");
        }

        List<CallRecord> expected = new ArrayList<>();
        events.stream().filter(CallRelease.class::isInstance).map(CallRelease.class::cast)
                .forEach(r -> expected.addAll(rater.apply(r)));
        Path file = out.resolve("calls-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv");
        assertEquals(expected, CallRecordCsv.readAll(file), "read back by the itemized bill's reader");
    }

    /** The real rater, with the test tariffs: wake-up call 20.00, feature code and malicious call record 0.00. */
    private final JournalRater tariffRater = new JournalRater(TestTariffs.FIXED);

    @Test
    void theFeesOfTheJournalAreExportedAsFeeLinesInJournalOrderWithTheCalls() throws Exception {
        List<JournalEvent> events = new ArrayList<>(SampleEvents.everyType());
        events.add(wakeUp("wake-1@fs", JournalEvent.WakeUpOutcome.BUSY, 1));
        events.add(wakeUp("wake-2@fs", JournalEvent.WakeUpOutcome.ANSWERED, 2));
        writeJournal(events);

        try (CallRecordExport export = open(tariffRater::rate)) {
            export.exportAvailable();
        }

        List<CallRecord> expected = new ArrayList<>();
        events.forEach(e -> expected.addAll(tariffRater.rate(e)));
        Path file = out.resolve("calls-" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + ".csv");
        List<CallRecord> exported = CallRecordCsv.readAll(file);
        assertEquals(expected, exported, "read back by the itemized bill's reader");
        assertEquals(List.of("c4@fs|featureCode|0.00", "c10@core|maliciousCallRecord|0.00",
                        "wake-2@fs|wakeUpCall|20.00"),
                exported.stream().filter(CallRecord::isFee)
                        .map(r -> r.callId() + "|" + r.feature() + "|" + r.cost()).toList(),
                "c5's code was refused and wake-1 was busy: no fee");
        assertEquals(5, exported.stream().filter(r -> !r.isFee()).count(), "the calls' records as before");
    }

    /**
     * Exactly once with fees: a commit every few entries, so that commits fall between a call's release and the
     * fees around it; a restart after a clean stop, then one after a failure half-way through an entry's records
     * with a torn line past the last commit.
     */
    @Test
    void feeRecordsAreNeitherLostNorRepeatedAcrossRestarts() throws Exception {
        ExportSettings everyFewEntries = new ExportSettings(7, Duration.ofSeconds(10), 256, Duration.ofMillis(1));
        writeCallsAndFees("a", 300);
        try (CallRecordExport export = CallRecordExport.open(dataDir, out, tariffRater::rate, everyFewEntries)) {
            export.exportAvailable();
        }
        writeCallsAndFees("b", 300);
        Function<JournalEvent, List<CallRecord>> failsOnAFee = event -> {
            if (event instanceof JournalEvent.WakeUpCall wakeUp && wakeUp.callId().equals("b-w-150")) {
                throw new IllegalStateException("tariffs being reloaded");
            }
            return tariffRater.rate(event);
        };
        try (CallRecordExport export = CallRecordExport.open(dataDir, out, failsOnAFee, everyFewEntries)) {
            assertThrows(IllegalStateException.class, export::exportAvailable);
        }
        Path file = OutputFiles.csvFiles(out).get(0);
        Files.writeString(file, "b-w-150,+77272777888,+772727", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (CallRecordExport export = CallRecordExport.open(dataDir, out, tariffRater::rate, everyFewEntries)) {
            export.exportAvailable();
        }

        List<String> expected = ExportedFiles.expectedKeys(dataDir, tariffRater::rate);
        assertEquals(200 + 120 + 86, expected.stream().filter(k -> k.split("\\|").length == 3).count(),
                "the fees of 600 calls: 200 wake-up calls answered, 120 malicious call records, 86 feature codes");
        ExportedFiles.assertExactlyOnce(expected, ExportedFiles.keys(out));
        List<CallRecord> exported = new ArrayList<>();
        for (Path csv : OutputFiles.csvFiles(out)) {
            exported.addAll(CallRecordCsv.readAll(csv));
        }
        assertEquals(new BigDecimal("4000.00"), exported.stream().filter(CallRecord::isFee).map(CallRecord::cost)
                .reduce(BigDecimal.ZERO, BigDecimal::add), "200 wake-up calls at 20.00, the rest free");
        assertEquals(new BigDecimal("480.00"), exported.stream().filter(CallRecord::isFee).map(CallRecord::vat)
                .reduce(BigDecimal.ZERO, BigDecimal::add), "12 % of 20.00 each");
    }

    private static JournalEvent.WakeUpCall wakeUp(String callId, JournalEvent.WakeUpOutcome outcome, long booking) {
        return new JournalEvent.WakeUpCall(callId, SampleEvents.T0.plusSeconds(60), "+77272777888", booking, true,
                SampleEvents.T0, 1, outcome, "icid-" + callId);
    }

    /**
     * Calls as {@link #writeReleases} writes them and, among them, wake-up calls (every third answered, every
     * third one busy), a malicious call record every fifth call and a feature code that worked every seventh.
     */
    private void writeCallsAndFees(String prefix, int count) throws IOException {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            for (int i = 0; i < count; i++) {
                String callId = prefix + "-" + i;
                journal.attempt(new JournalEvent.CallAttempt(callId, SampleEvents.T0, "+77172123456",
                        "+77272777888", null, "+77172123456", JournalEvent.Pass.BOTH, "icid-" + callId));
                if (i % 3 != 2) {
                    journal.wakeUpCall(wakeUp(prefix + "-w-" + i, i % 3 == 0 ? JournalEvent.WakeUpOutcome.ANSWERED
                            : JournalEvent.WakeUpOutcome.BUSY, i));
                }
                if (i % 5 == 0) {
                    journal.maliciousCall(new JournalEvent.MaliciousCallIdentification(callId,
                            SampleEvents.T0.plusSeconds(2), "+77272777888", "+77172123456", false, "callingNumber",
                            "+77172123456"));
                }
                journal.release(SampleEvents.release(callId, 1_000L * (i % 7), i % 4 != 0, i % 3));
                if (i % 7 == 0) {
                    journal.featureCode(new JournalEvent.FeatureCodeUse(prefix + "-code-" + i,
                            SampleEvents.T0.plusSeconds(3), "+77172123456", "forwardUnconditional.activate", true));
                }
            }
        }
    }

    @Test
    void aRestartAfterANormalStopGoesOnWithoutRepeatingARecord() throws Exception {
        writeReleases("a", 1_500);
        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
        }
        writeReleases("b", 700);
        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
            assertEquals(expectedRecordCount(700), export.recordsWritten(), "only what is new");
        }
        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
            assertEquals(0, export.recordsWritten());
        }

        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void whatWasWrittenAfterTheLastCommitIsCutOffOnRestart() throws Exception {
        writeReleases("a", 100);
        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
        }
        Path file = OutputFiles.csvFiles(out).get(0);
        long committedLength = Files.size(file);
        // What a kill leaves behind: half a line past the commit, and a file of a later day.
        Files.writeString(file, "a-99,+77172123456,+7717", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Path later = out.resolve("calls-2999-01-01.csv");
        Files.writeString(later, ExportCsv.header() + "x\r\n");

        try (CallRecordExport export = open(rater)) {
            assertEquals(committedLength, Files.size(file));
            assertFalse(Files.exists(later));
            export.exportAvailable();
        }

        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void eachUtcDayOfTheJournalHasItsOwnFile() throws Exception {
        FakeClock clock = FakeClock.at("2026-11-25T23:59:59.000Z");
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir, clock)) {
            journal.release(SampleEvents.release("day1-a", 1_000, true, 0));
            journal.release(SampleEvents.release("day1-b", 1_000, true, 1));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out, rater,
                    ExportSettings.DEFAULT)) {
                export.exportAvailable();
                clock.advance(Duration.ofSeconds(2));
                journal.release(SampleEvents.release("day2-a", 1_000, true, 0));
                export.exportAvailable();
                assertEquals(new ExportPosition(export.committed().lastIndex(), "calls-2026-11-26.csv",
                        Files.size(out.resolve("calls-2026-11-26.csv"))), export.committed());
            }
        }

        assertEquals(List.of(out.resolve("calls-2026-11-25.csv"), out.resolve("calls-2026-11-26.csv")),
                OutputFiles.csvFiles(out));
        assertEquals(List.of("day1-a", "day1-b", "day1-b"), callIds(out.resolve("calls-2026-11-25.csv")));
        assertEquals(List.of("day2-a"), callIds(out.resolve("calls-2026-11-26.csv")));
    }

    /**
     * Issue 11 added the icid column. An export upgraded in the middle of a day resumes in a file the earlier
     * release began: that file is finished in its own columns (one header, every line as long as it says), and
     * the next day's file has the icid.
     */
    @Test
    void aDaysFileBegunBeforeTheIcidColumnIsFinishedWithoutIt() throws Exception {
        FakeClock clock = FakeClock.at("2026-11-25T23:00:00.000Z");
        Path day1 = out.resolve("calls-2026-11-25.csv");
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir, clock)) {
            journal.release(SampleEvents.release("before-upgrade", 1_000, true, 0));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out, rater,
                    ExportSettings.DEFAULT)) {
                export.exportAvailable();
            }
            asWrittenBeforeTheIcidColumn(day1);

            journal.release(SampleEvents.release("after-upgrade", 1_000, true, 1));
            clock.advance(Duration.ofHours(2));
            journal.release(SampleEvents.release("next-day", 1_000, true, 0));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out, rater,
                    ExportSettings.DEFAULT)) {
                export.exportAvailable();
            }
        }

        List<String> day1Lines = Files.readAllLines(day1);
        assertEquals(ExportCsv.Layout.WITHOUT_ICID.header().strip(), day1Lines.get(0));
        assertEquals(List.of(13, 13, 13), day1Lines.stream().skip(1).map(l -> l.split(",", -1).length).toList());
        assertEquals(List.of("before-upgrade", "after-upgrade", "after-upgrade"), callIds(day1));
        List<CallRecord> nextDay = CallRecordCsv.readAll(out.resolve("calls-2026-11-26.csv"));
        assertEquals(List.of("icid-next-day"), nextDay.stream().map(CallRecord::icid).toList());
        assertEquals(ExportCsv.header().strip(),
                Files.readAllLines(out.resolve("calls-2026-11-26.csv")).get(0));
    }

    /**
     * Issue 14 added the kind and feature columns. A day's file begun before them is finished in its own columns:
     * a fee's line there has no kind, but its tariff says which fee it is, and the reader knows it by that; the
     * next day's file has the columns.
     */
    @Test
    void aDaysFileBegunBeforeTheFeeColumnsIsFinishedWithoutThem() throws Exception {
        FakeClock clock = FakeClock.at("2026-11-25T23:00:00.000Z");
        Path day1 = out.resolve("calls-2026-11-25.csv");
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir, clock)) {
            journal.release(SampleEvents.release("before-upgrade", 1_000, true, 0));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out, tariffRater::rate,
                    ExportSettings.DEFAULT)) {
                export.exportAvailable();
            }
            asWrittenBefore(ExportCsv.Layout.WITHOUT_FEES, day1);

            journal.wakeUpCall(wakeUp("wake-after-upgrade", JournalEvent.WakeUpOutcome.ANSWERED, 1));
            clock.advance(Duration.ofHours(2));
            journal.wakeUpCall(wakeUp("wake-next-day", JournalEvent.WakeUpOutcome.ANSWERED, 1));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out, tariffRater::rate,
                    ExportSettings.DEFAULT)) {
                export.exportAvailable();
            }
        }

        List<String> day1Lines = Files.readAllLines(day1);
        assertEquals(ExportCsv.Layout.WITHOUT_FEES.header().strip(), day1Lines.get(0));
        assertEquals(List.of(14, 14), day1Lines.stream().skip(1).map(l -> l.split(",", -1).length).toList());
        List<CallRecord> day1Records = CallRecordCsv.readAll(day1);
        assertEquals(List.of(false, true), day1Records.stream().map(CallRecord::isFee).toList(),
                "the fee's line is known by its tariff: the bill still finds it");
        assertEquals(List.of("wake-after-upgrade", "wakeUpCall", new BigDecimal("20.00")),
                List.of(day1Records.get(1).callId(), day1Records.get(1).feature(), day1Records.get(1).cost()));
        List<CallRecord> nextDay = CallRecordCsv.readAll(out.resolve("calls-2026-11-26.csv"));
        assertEquals(List.of("wakeUpCall"), nextDay.stream().map(CallRecord::feature).toList());
        assertEquals(ExportCsv.header().strip(), Files.readAllLines(out.resolve("calls-2026-11-26.csv")).get(0));
    }

    /** Rewrites an export's current file, and its position, as the release before issue 11 had written them. */
    private void asWrittenBeforeTheIcidColumn(Path file) throws Exception {
        asWrittenBefore(ExportCsv.Layout.WITHOUT_ICID, file);
    }

    /** Rewrites an export's current file, and its position, in the columns of an earlier release. */
    private void asWrittenBefore(ExportCsv.Layout layout, Path file) throws Exception {
        StringBuilder old = new StringBuilder(layout.header());
        for (CallRecord record : CallRecordCsv.readAll(file)) {
            old.append(ExportCsv.line(record, layout));
        }
        Files.writeString(file, old, StandardCharsets.UTF_8);
        PositionFile positions = new PositionFile(out);
        ExportPosition committed = positions.load().orElseThrow();
        positions.store(new ExportPosition(committed.lastIndex(), committed.file(), Files.size(file)));
    }

    @Test
    void aReleaseTheRaterRefusesCommitsNothingOfItAndARestartExportsItOnce() throws Exception {
        writeReleases("a", 50);
        Function<JournalEvent, List<CallRecord>> failsOnA30 = event -> {
            if (event instanceof CallRelease && event.callId().equals("a-30")) {
                throw new IllegalArgumentException("no tariff for +77272777888");
            }
            return rater.apply(event);
        };
        try (CallRecordExport export = open(failsOnA30)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, export::exportAvailable);
            assertTrue(e.getMessage().contains("a-30") && e.getMessage().contains("no tariff"), e.getMessage());
        }
        try (CallRecordExport export = open(rater)) {
            export.exportAvailable();
        }

        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void followExportsWhatIsJournaledWhileItRunsAndCommitsWhenStopped() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            CallRecordExport export = CallRecordExport.open(journal.newReader(), out, rater, ExportSettings.DEFAULT);
            CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
                try {
                    export.follow();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < 3_000; i++) {
                journal.release(SampleEvents.release("f-" + i, 1_000L * (i % 7), i % 4 != 0, i % 3));
            }
            export.stop();
            following.get(30, TimeUnit.SECONDS);
            export.close();
            // What the follow had not read when it stopped comes with the next run.
            try (CallRecordExport next = CallRecordExport.open(journal.newReader(), out, rater,
                    ExportSettings.DEFAULT)) {
                next.exportAvailable();
            }
        }

        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void anOutputDirectoryWithCsvFilesButNoPositionIsRefused() throws Exception {
        writeReleases("a", 1);
        Files.writeString(out.resolve("calls-2026-11-25.csv"), ExportCsv.header());

        IOException e = assertThrows(IOException.class, () -> open(rater));
        assertTrue(e.getMessage().contains("export.position"), e.getMessage());
    }

    @Test
    void aSecondExportIntoTheSameDirectoryIsRefused() throws Exception {
        writeReleases("a", 1);
        try (CallRecordExport first = open(rater)) {
            IOException e = assertThrows(IOException.class, () -> open(rater));
            assertTrue(e.getMessage().contains("another billing export"), e.getMessage());
        }
    }

    private CallRecordExport open(Function<JournalEvent, List<CallRecord>> r) throws IOException {
        return CallRecordExport.open(dataDir, out, r, ExportSettings.DEFAULT);
    }

    private void writeJournal(List<JournalEvent> events) throws IOException {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            events.forEach(e -> SampleEvents.write(journal, e));
        }
    }

    private void writeReleases(String prefix, int count) throws IOException {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            for (int i = 0; i < count; i++) {
                journal.attempt(new JournalEvent.CallAttempt(prefix + "-" + i, SampleEvents.T0, "+77172123456",
                        "+77272777888", null, "+77172123456", JournalEvent.Pass.BOTH, "icid-" + prefix + i));
                journal.release(SampleEvents.release(prefix + "-" + i, 1_000L * (i % 7), i % 4 != 0, i % 3));
            }
        }
    }

    private static long expectedRecordCount(int releases) {
        long n = 0;
        for (int i = 0; i < releases; i++) {
            n += 1 + i % 3;
        }
        return n;
    }

    private static List<String> callIds(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        CallRecordCsv.read(file, r -> ids.add(r.callId()));
        return ids;
    }
}
