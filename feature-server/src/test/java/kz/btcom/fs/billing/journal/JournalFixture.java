package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A journal an earlier release wrote, kept under {@code src/test/resources/kz/btcom/fs/billing/journal/<name>}: its
 * files are cut after their last written byte (Chronicle preallocates them in zeros, 80 MB a day's file and 128 KB
 * the metadata), and grown back, sparse, before a reader opens them.
 */
final class JournalFixture {

    private static final long DAY_FILE_LENGTH = 83_886_080;
    private static final long METADATA_FILE_LENGTH = 131_072;

    private JournalFixture() {
    }

    /** Every event of the fixture {@code name}, restored into {@code dataDir}, in journal order. */
    static List<JournalEvent> read(String name, Path dataDir, String dayFile) throws IOException {
        Path journal = Files.createDirectories(dataDir.resolve(JournalQueue.DIRECTORY));
        restore(name, dayFile, journal, DAY_FILE_LENGTH);
        restore(name, "metadata.cq4t", journal, METADATA_FILE_LENGTH);
        List<JournalEvent> events = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dataDir)) {
            reader.forEachRemaining(entry -> events.add(entry.event()));
        }
        return events;
    }

    private static void restore(String name, String file, Path journal, long length) throws IOException {
        String resource = "/kz/btcom/fs/billing/journal/" + name + "/" + file;
        Path copy = journal.resolve(file);
        try (InputStream in = JournalFixture.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the fixture " + resource);
            Files.copy(in, copy);
        }
        try (RandomAccessFile grown = new RandomAccessFile(copy.toFile(), "rw")) {
            grown.setLength(length);
        }
    }
}
