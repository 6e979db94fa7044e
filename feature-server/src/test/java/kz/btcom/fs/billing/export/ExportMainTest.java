package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportMainTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void onePassExportsTheJournalAndExitsZero() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            for (int i = 0; i < 10; i++) {
                journal.release(SampleEvents.release("m-" + i, 5_000, true, 0));
            }
        }

        assertEquals(0, run("--data-dir", dataDir.toString(), "--out", out.toString()), stderr());
        assertTrue(stdout().startsWith("exported 10 records"), stdout());
        ExportedFiles.assertExactlyOnce(ExportedFiles.expectedKeys(dataDir), ExportedFiles.keys(out));
    }

    @Test
    void aMissingOptionIsExitTwoWithOneLineNamingIt() {
        assertEquals(2, run("--data-dir", dataDir.toString()));
        assertOneLineNaming("--out");
    }

    @Test
    void anUnknownOptionIsExitTwoWithOneLineNamingIt() {
        assertEquals(2, run("--data-dir", dataDir.toString(), "--out", out.toString(), "--folow"));
        assertOneLineNaming("--folow");
    }

    @Test
    void aDataDirectoryWithoutAJournalIsExitTwoNamingTheOption() {
        assertEquals(2, run("--data-dir", dataDir.resolve("none").toString(), "--out", out.toString()));
        assertOneLineNaming("--data-dir");
    }

    @Test
    void anOutputThatIsAFileIsExitTwoNamingTheOption() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            journal.release(SampleEvents.release("m-1", 5_000, true, 0));
        }
        Path file = Files.writeString(out.resolve("file"), "x");

        assertEquals(2, run("--data-dir", dataDir.toString(), "--out", file.toString()));
        assertOneLineNaming("--out");
    }

    @Test
    void aBadTariffFileIsExitTwoNamingTheFile() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            journal.release(SampleEvents.release("m-1", 5_000, true, 0));
        }
        Path tariffs = Files.writeString(out.resolve("tariffs.yaml"), "currency: [");

        int code = ExportMain.run(new String[] {"--data-dir", dataDir.toString(), "--out", out.toString(),
                "--tariffs", tariffs.toString()}, print(stdout), print(stderr), ExportMain::tariffRater,
                ExportSettings.DEFAULT, hook -> { });

        assertEquals(2, code);
        assertOneLineNaming("tariffs.yaml");
    }

    @Test
    void aFailureIsExitOneWithOneLineSayingWhy() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir)) {
            journal.release(SampleEvents.release("m-1", 5_000, true, 0));
        }
        Files.writeString(out.resolve("calls-2026-11-25.csv"), ExportCsv.header());

        assertEquals(1, run("--data-dir", dataDir.toString(), "--out", out.toString()));
        assertOneLineNaming("export.position");
    }

    @Test
    void helpIsExitZero() {
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("--follow"), stdout());
    }

    private int run(String... args) {
        return ExportMain.run(args, print(stdout), print(stderr), tariffs -> new StandInRater(),
                ExportSettings.DEFAULT, hook -> { });
    }

    private void assertOneLineNaming(String what) {
        List<String> lines = stderr().lines().toList();
        assertEquals(1, lines.size(), stderr());
        assertTrue(lines.get(0).contains(what), lines.get(0));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
