package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.rating.CallRecordCsv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The billing export as an operator runs it: {@code java -jar feature-server.jar export}, one pass. */
final class ExportCommand {

    private ExportCommand() {
    }

    /**
     * Exports the journal of {@code dataDir} into {@code out} (resuming where an earlier run there stopped), priced
     * by the shipped config/tariffs.yaml; returns every record the CSV files in {@code out} hold.
     */
    static List<CallRecord> run(Path workDir, Path dataDir, Path out) throws Exception {
        Path log = Files.createTempFile(workDir, "export-", ".out");
        Process export = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Repository.jar().toString(), "export", "--data-dir", dataDir.toString(), "--out", out.toString(),
                "--tariffs", Repository.root().resolve("config/tariffs.yaml").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!export.waitFor(60, TimeUnit.SECONDS)) {
            export.destroyForcibly();
            export.waitFor(10, TimeUnit.SECONDS);
        }
        assertTrue(!export.isAlive(), "the export did not end");
        assertEquals(0, export.exitValue(), Files.readString(log));
        List<CallRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path csv : files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                records.addAll(CallRecordCsv.readAll(csv));
            }
        }
        return records;
    }
}
