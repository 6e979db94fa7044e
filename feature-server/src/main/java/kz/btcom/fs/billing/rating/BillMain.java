package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.tables.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prints one subscriber's itemized bill for a month from the billing export's CSV files:
 * {@code java -cp feature-server.jar kz.btcom.fs.billing.rating.BillMain --records FILE.csv [--records ...]
 * --number +77272777888 --month 2026-11 [--format text|csv] [--tariffs FILE]}.
 *
 * <p>Exit status: 0 with the bill on standard output; 2 with one line on standard error for bad arguments (an
 * unknown or missing option, a malformed number, month or format, a file that does not exist); 1 with one line for
 * a file that cannot be read or is not valid (a record file, the tariffs). A record found twice (the same file given
 * twice, overlapping files) is billed once, and said so on standard error.
 */
@Command(name = "BillMain", sortOptions = false,
        description = "Prints one subscriber's itemized bill for a month from the billing export's CSV files.")
public final class BillMain {

    /** Bad arguments. */
    public static final int USAGE = 2;
    /** A file that cannot be read. */
    public static final int FAILED = 1;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    @Option(names = "--records", paramLabel = "FILE", required = true,
            description = "a CSV file of the billing export; repeat for several")
    private List<Path> records;

    @Option(names = "--number", paramLabel = "E164", required = true,
            description = "the subscriber billed, e.g. +77272777888")
    private String number;

    @Option(names = "--month", paramLabel = "YYYY-MM", required = true,
            description = "the month, in the tariffs' billTimeZone (Asia/Almaty), e.g. 2026-11")
    private String month;

    @Option(names = "--format", paramLabel = "text|csv", defaultValue = "text",
            description = "text (default) or csv")
    private String format;

    @Option(names = "--tariffs", paramLabel = "FILE",
            description = "a tariffs.yaml for the time zone and which calls are itemized (default: the built-in one)")
    private Path tariffsFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private BillMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command, with its streams as parameters; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BillMain options = new BillMain();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("BillMain: " + e.getMessage() + " (see --help)");
            return USAGE;
        }
        if (options.help) {
            out.print(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
            return 0;
        }
        if (!E164.matcher(options.number).matches()) {
            err.println("BillMain: --number " + options.number + " is not an E.164 number such as +77272777888");
            return USAGE;
        }
        YearMonth yearMonth;
        try {
            yearMonth = YearMonth.parse(options.month);
        } catch (DateTimeParseException e) {
            err.println("BillMain: --month " + options.month + " is not a month such as 2026-11");
            return USAGE;
        }
        if (!options.format.equals("text") && !options.format.equals("csv")) {
            err.println("BillMain: --format " + options.format + " is not text or csv");
            return USAGE;
        }
        for (Path file : options.records) {
            if (!Files.isRegularFile(file)) {
                err.println("BillMain: --records " + file + ": no such file");
                return USAGE;
            }
        }
        if (options.tariffsFile != null && !Files.isRegularFile(options.tariffsFile)) {
            err.println("BillMain: --tariffs " + options.tariffsFile + ": no such file");
            return USAGE;
        }
        return options.print(yearMonth, out, err);
    }

    private int print(YearMonth yearMonth, PrintStream out, PrintStream err) {
        Tariffs tariffs;
        try {
            tariffs = tariffsFile == null ? Tariffs.builtIn() : Tariffs.read(tariffsFile);
        } catch (ConfigException | IllegalStateException e) {
            err.println("BillMain: " + e.getMessage());
            return FAILED;
        }
        Set<CallRecord> charged = new LinkedHashSet<>();
        long[] duplicates = {0};
        for (Path file : records) {
            try {
                CallRecordCsv.read(file, r -> {
                    if (r.chargedParty().equals(number) && !charged.add(r)) {
                        duplicates[0]++;
                    }
                });
            } catch (IOException e) {
                err.println("BillMain: " + file + ": cannot read: " + e.getMessage());
                return FAILED;
            } catch (CsvFormatException e) {
                err.println("BillMain: " + e.getMessage());
                return FAILED;
            }
        }
        if (duplicates[0] > 0) {
            err.println("BillMain: " + duplicates[0] + " record(s) of " + number
                    + " appear more than once in the files; each is billed once");
        }
        ItemizedBill bill;
        try {
            bill = ItemizedBill.of(number, yearMonth, tariffs, charged);
        } catch (IllegalArgumentException e) {
            err.println("BillMain: " + e.getMessage());
            return FAILED;
        }
        out.print(format.equals("csv") ? CsvBill.render(bill) : TextBill.render(bill));
        return 0;
    }
}
