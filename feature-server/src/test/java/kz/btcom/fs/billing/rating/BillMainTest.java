package kz.btcom.fs.billing.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bill command: the golden bills from the golden export; exit 2 and one line for bad arguments. */
class BillMainTest {

    private static final String EXPORT = TestTariffs.resourcePath("export-2026-11.csv").toString();
    private static final String TARIFFS = TestTariffs.resourcePath("tariffs-for-tests.yaml").toString();

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BillMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] november(String... more) {
        List<String> args = new ArrayList<>(List.of("--records", EXPORT, "--number", "+77272777888",
                "--month", "2026-11", "--tariffs", TARIFFS));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theTextBillIsPrintedByDefault() {
        Run run = run(november());
        assertEquals(new Run(0, TestTariffs.resource("bill-2026-11.txt"), ""), run);
    }

    @Test
    void theCsvBillOnRequest() {
        Run run = run(november("--format", "csv"));
        assertEquals(new Run(0, TestTariffs.resource("bill-2026-11.csv"), ""), run);
    }

    @Test
    void recordsSpreadOverSeveralFilesMakeOneBill(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(EXPORT));
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        Files.write(first, lines.subList(0, 8));
        List<String> rest = new ArrayList<>(List.of(lines.get(0)));
        rest.addAll(lines.subList(8, lines.size()));
        Files.write(second, rest);

        Run run = run("--records", first.toString(), "--records", second.toString(), "--number", "+77272777888",
                "--month", "2026-11", "--tariffs", TARIFFS);

        assertEquals(new Run(0, TestTariffs.resource("bill-2026-11.txt"), ""), run);
    }

    @Test
    void aFileGivenTwiceIsBilledOnceAndSaidSo() {
        Run run = run(november("--records", EXPORT));
        assertEquals(0, run.status());
        assertEquals(TestTariffs.resource("bill-2026-11.txt"), run.out());
        assertEquals("BillMain: 14 record(s) of +77272777888 appear more than once in the files; each is billed once\n",
                run.err().replace("\r\n", "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --number 87272777888     | BillMain: --number 87272777888 is not an E.164 number such as +77272777888
            --month 2026-13          | BillMain: --month 2026-13 is not a month such as 2026-11
            --month November         | BillMain: --month November is not a month such as 2026-11
            --format pdf             | BillMain: --format pdf is not text or csv
            --records missing.csv    | BillMain: --records missing.csv: no such file
            --tariffs missing.yaml   | BillMain: --tariffs missing.yaml: no such file
            --colour red             | BillMain: Unknown options: '--colour', 'red' (see --help)
            """)
    void aBadArgumentIsExit2AndOneLine(String arguments, String message) {
        String[] words = arguments.split(" ");
        List<String> args = new ArrayList<>(List.of(november()));
        int existing = args.indexOf(words[0]);
        if (existing >= 0 && !words[0].equals("--records")) {
            args.set(existing + 1, words[1]);
        } else {
            args.addAll(List.of(words));
        }
        Run run = run(args.toArray(String[]::new));
        assertEquals(new Run(2, "", message + System.lineSeparator()), run);
    }

    @Test
    void aMissingOptionIsExit2AndOneLine() {
        Run run = run("--records", EXPORT, "--month", "2026-11");
        assertEquals(2, run.status());
        assertEquals("BillMain: Missing required option: '--number=E164' (see --help)" + System.lineSeparator(),
                run.err());
        assertEquals(2, run().status());
    }

    @Test
    void aMalformedRecordFileIsExit1AndOneLineNamingItsLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, String.join(",", CallRecordCsv.COLUMNS) + "\r\nonly,three,fields\r\n");
        Run run = run("--records", bad.toString(), "--number", "+77272777888", "--month", "2026-11",
                "--tariffs", TARIFFS);
        assertEquals(new Run(1, "", "BillMain: " + bad + ": line 2: 3 fields, but the header has 13"
                + System.lineSeparator()), run);
    }

    @Test
    void aBadTariffFileIsExit1AndOneLine(@TempDir Path dir) throws Exception {
        Path tariffs = dir.resolve("tariffs.yaml");
        Files.writeString(tariffs, TestTariffs.resource("tariffs-for-tests.yaml").replace("vatPercent", "vat"));
        Run run = run("--records", EXPORT, "--number", "+77272777888", "--month", "2026-11",
                "--tariffs", tariffs.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().startsWith("BillMain: " + tariffs + ": vat: unknown key"), run.err());
        assertEquals(1, run.err().lines().count());
    }

    @Test
    void helpIsPrintedWithExit0() {
        Run run = run("--help");
        assertEquals(0, run.status());
        assertTrue(run.out().contains("--records=FILE"), run.out());
    }
}
