package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.JournalReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the export wrote and what it should have, as record keys (call id and charged party), in order. */
final class ExportedFiles {

    private ExportedFiles() {
    }

    /** The keys of every record in the CSV files of {@code outDir}, oldest file first; checks each file's header. */
    static List<String> keys(Path outDir) throws IOException {
        List<String> keys = new ArrayList<>();
        for (Path file : OutputFiles.csvFiles(outDir)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.startsWith(ExportCsv.header()), file + " starts with the header");
            assertTrue(text.endsWith("\r\n"), file + " ends with a whole line");
            String[] lines = text.split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String[] fields = lines[i].split(",", -1);
                assertEquals(ExportCsv.COLUMNS.size(), fields.length, file + " line " + (i + 1) + ": " + lines[i]);
                boolean fee = fields[ExportCsv.COLUMNS.indexOf("kind")].equals("fee");
                String feature = fields[ExportCsv.COLUMNS.indexOf("feature")];
                keys.add(fields[0] + "|" + fields[2] + (fee ? "|" + feature : ""));
            }
        }
        return keys;
    }

    /** The keys the stand-in rater makes of the journal's releases, in journal order. */
    static List<String> expectedKeys(Path dataDir) throws IOException {
        return expectedKeys(dataDir, new StandInRater());
    }

    /** The keys {@code rater} makes of the journal's entries, in journal order. */
    static List<String> expectedKeys(Path dataDir, Function<JournalEvent, List<CallRecord>> rater)
            throws IOException {
        List<String> keys = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dataDir)) {
            reader.forEachRemaining(entry -> {
                for (CallRecord record : rater.apply(entry.event())) {
                    keys.add(StandInRater.key(record));
                }
            });
        }
        return keys;
    }

    /** Asserts the export holds exactly the expected records, in order, with a readable account if not. */
    static void assertExactlyOnce(List<String> expected, List<String> actual) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (String key : actual) {
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(seen);
        Set<String> unexpected = new LinkedHashSet<>(seen);
        unexpected.removeAll(new HashSet<>(expected));
        assertTrue(duplicates.isEmpty() && missing.isEmpty() && unexpected.isEmpty(),
                () -> "expected " + expected.size() + " records, got " + actual.size() + "; duplicates "
                        + first(duplicates) + ", missing " + first(missing) + ", unexpected " + first(unexpected));
        assertEquals(expected, actual, "in journal order");
    }

    private static String first(Set<String> keys) {
        return keys.size() + " " + keys.stream().limit(5).toList();
    }
}
