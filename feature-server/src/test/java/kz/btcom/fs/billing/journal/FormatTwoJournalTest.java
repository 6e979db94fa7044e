package kz.btcom.fs.billing.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A journal written by the release of issue 11 (format 2, hand-written codecs per event) is read by this one, and
 * this one still writes format 2 to the byte, so that release reads what this one writes (a rollback). The fixture
 * in {@code src/test/resources/.../journal/format-2} is what that release (commit a018511) wrote for
 * {@link SampleEvents#everyType()} on 2026-12-06: every event type, the nullable fields null and set, the three
 * passes, releases with and without forwarded legs. Should {@code everyType()} change, copy today's list here.
 */
class FormatTwoJournalTest {

    private static final String DAY_FILE = "20261206F.cq4";
    private static final Clock FIXTURE_DAY = Clock.fixed(Instant.parse("2026-12-06T20:55:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    @Test
    void everyEntryOfTheSecondFormatIsReadAsWritten() throws Exception {
        assertEquals(SampleEvents.everyType(), JournalFixture.read("format-2", dataDir.resolve("fixture"), DAY_FILE));
    }

    @Test
    void theJournalWritesEveryEventAsTheSecondFormatDidToTheByte() throws Exception {
        JournalFixture.read("format-2", dataDir.resolve("fixture"), DAY_FILE);
        Path written = dataDir.resolve("written");
        try (ChronicleJournal journal = ChronicleJournal.open(written, FIXTURE_DAY)) {
            SampleEvents.everyType().forEach(e -> SampleEvents.write(journal, e));
        }

        List<String> fixture = entries(dataDir.resolve("fixture"));
        assertEquals(SampleEvents.everyType().size(), fixture.size());
        assertEquals(fixture, entries(written));
    }

    /** Each entry's bytes (event name and body), in hex. */
    private static List<String> entries(Path dataDir) throws Exception {
        List<String> entries = new ArrayList<>();
        try (SingleChronicleQueue queue = JournalQueue.open(dataDir, FIXTURE_DAY, false);
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext entry = tailer.readingDocument()) {
                    if (!entry.isPresent()) {
                        return entries;
                    }
                    entries.add(HexFormat.of().formatHex(entry.wire().bytes().toByteArray()));
                }
            }
        }
    }
}
