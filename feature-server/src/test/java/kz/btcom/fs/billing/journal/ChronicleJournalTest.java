package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.journal.JournalReader.Entry;
import kz.btcom.fs.time.FakeClock;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleJournalTest {

    @TempDir
    Path dataDir;

    @Test
    void everyEventTypeComesBackAsWrittenNullsIncluded() throws Exception {
        List<JournalEvent> written = SampleEvents.everyType();
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            written.forEach(e -> SampleEvents.write(journal, e));
        }
        List<Entry> read = readAll(dataDir);

        assertEquals(written, read.stream().map(Entry::event).toList());
        for (int i = 1; i < read.size(); i++) {
            assertTrue(read.get(i).index() > read.get(i - 1).index(), "indexes grow");
        }
    }

    /** Events added after the second format (its golden file holds the others): wake-up calls, conferences. */
    @Test
    void theEventsOfLaterServicesComeBackAsWritten() throws Exception {
        List<JournalEvent> written = List.of(
                new JournalEvent.WakeUpCall("w1@fs", SampleEvents.T0, "+77272777888", 7, true, SampleEvents.T0, 2,
                        JournalEvent.WakeUpOutcome.BUSY, null),
                new JournalEvent.ConferenceEvent("conf-0a1b", JournalEvent.ConferenceStep.PARTY_LEFT, "c11@core",
                        SampleEvents.T0.plusSeconds(10), "+77272777888", "+77172123456", 2));
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            written.forEach(e -> SampleEvents.write(journal, e));
        }

        assertEquals(written, readAll(dataDir).stream().map(Entry::event).toList());
    }

    @Test
    void aReaderMovedToAnIndexReadsThatEntryNext() throws Exception {
        List<JournalEvent> written = SampleEvents.everyType();
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            written.forEach(e -> SampleEvents.write(journal, e));
            try (JournalReader reader = journal.newReader()) {
                List<Entry> all = new ArrayList<>();
                reader.forEachRemaining(all::add);
                Entry fifth = all.get(4);

                assertTrue(reader.moveTo(fifth.index()));
                assertEquals(fifth, reader.next().orElseThrow());
                assertEquals(all.get(5), reader.next().orElseThrow());
                assertFalse(reader.moveTo(all.get(all.size() - 1).index() + 1000), "no such entry");
                reader.toStart();
                assertEquals(all.get(0), reader.next().orElseThrow());
            }
        }
    }

    @Test
    void aReaderTailsWhatIsWrittenAfterItReachedTheEnd() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir);
             JournalReader reader = JournalReader.open(dataDir)) {
            assertTrue(reader.next().isEmpty());
            CallRelease release = SampleEvents.release("late@fs", 5_000, true, 0);
            journal.release(release);

            assertEquals(release, reader.next().orElseThrow().event());
            assertTrue(reader.next().isEmpty());
        }
    }

    @Test
    void manyThreadsWritingAtOnceLoseNothingAndKeepEachThreadsOrder() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int lane = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String callId = "t" + lane + "-" + i;
                        if (i % 2 == 0) {
                            journal.attempt(new JournalEvent.CallAttempt(callId, SampleEvents.T0, "+77172123456",
                                    "+77272777888", null, "+77172123456", JournalEvent.Pass.ORIGINATING,
                                    "icid-" + callId));
                        } else {
                            journal.release(SampleEvents.release(callId, i, true, i % 3));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Entry> read = readAll(dataDir);
        assertEquals(threads * perThread, read.size());
        Map<String, Integer> nextOfLane = new HashMap<>();
        for (Entry entry : read) {
            String[] laneAndNumber = entry.event().callId().split("-");
            int expected = nextOfLane.getOrDefault(laneAndNumber[0], 0);
            assertEquals(expected, Integer.parseInt(laneAndNumber[1]), "lane " + laneAndNumber[0] + " in order");
            nextOfLane.put(laneAndNumber[0], expected + 1);
            if (expected % 2 == 1) {
                assertEquals(SampleEvents.release(entry.event().callId(), expected, true, expected % 3),
                        entry.event());
            }
        }
        assertEquals(threads, nextOfLane.size());
        nextOfLane.values().forEach(n -> assertEquals(perThread, n));
    }

    @Test
    void theJournalRollsToANewFileAtMidnightUtc() throws Exception {
        FakeClock clock = FakeClock.at("2026-11-25T23:59:59.990Z");
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir, clock)) {
            journal.release(SampleEvents.release("before-1", 1_000, true, 0));
            journal.release(SampleEvents.release("before-2", 1_000, true, 0));
            clock.advance(Duration.ofMillis(20));
            journal.release(SampleEvents.release("after-1", 1_000, true, 0));
            clock.advance(Duration.ofHours(1));
            journal.release(SampleEvents.release("after-2", 1_000, true, 0));

            try (Stream<Path> files = Files.list(journal.directory())) {
                assertEquals(List.of("20261125F.cq4", "20261126F.cq4"), files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".cq4")).sorted().toList());
            }
            try (JournalReader reader = journal.newReader()) {
                List<Entry> all = new ArrayList<>();
                reader.forEachRemaining(all::add);
                assertEquals(List.of("before-1", "before-2", "after-1", "after-2"),
                        all.stream().map(e -> e.event().callId()).toList());
                assertEquals(List.of(LocalDate.parse("2026-11-25"), LocalDate.parse("2026-11-25"),
                                LocalDate.parse("2026-11-26"), LocalDate.parse("2026-11-26")),
                        all.stream().map(e -> reader.dayOf(e.index())).toList());

                reader.fromDay(LocalDate.parse("2026-11-26"));
                assertEquals("after-1", reader.next().orElseThrow().event().callId());
                reader.fromDay(LocalDate.parse("2026-11-01"));
                assertEquals("before-1", reader.next().orElseThrow().event().callId());
                reader.fromDay(LocalDate.parse("2026-12-01"));
                assertTrue(reader.next().isEmpty());
            }
        }
    }

    @Test
    void everyEntryWrittenSurvivesAKillMinus9OfTheWriter() throws Exception {
        int count = 5_000;
        Path log = dataDir.resolve("writer.log");
        Process writer = ChildJvm.builder(JournalWriterProcess.class, log,
                List.of(dataDir.toString(), Integer.toString(count))).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("written " + count, line, () -> "writer said " + line + "; log: " + readLog(log));
        } finally {
            writer.destroyForcibly();
            writer.waitFor(10, TimeUnit.SECONDS);
        }

        List<Entry> read = readAll(dataDir);
        assertEquals(count, read.size());
        for (int i = 0; i < count; i++) {
            assertEquals(SampleEvents.release("k-" + i, 1_000L * (i % 100), i % 3 != 0, i % 3),
                    read.get(i).event());
        }
    }

    @Test
    void anEventANewerServerAddedIsSkipped() throws Exception {
        CallRelease release = SampleEvents.release("known@fs", 5_000, true, 0);
        try (SingleChronicleQueue queue = JournalQueue.open(dataDir, Clock.systemUTC(), true);
             ExcerptAppender appender = queue.createAppender()) {
            appender.writeDocument(wire -> wire.writeEventName("conferenceCreated").text("+77172123456"));
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            journal.release(release);
        }

        assertEquals(List.of(release), readAll(dataDir).stream().map(Entry::event).toList());
    }

    @Test
    void readingADataDirectoryWithoutAJournalSaysSo() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> JournalReader.open(dataDir.resolve("none")));
    }

    static List<Entry> readAll(Path dataDir) throws Exception {
        List<Entry> all = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dataDir)) {
            reader.forEachRemaining(all::add);
        }
        return all;
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
