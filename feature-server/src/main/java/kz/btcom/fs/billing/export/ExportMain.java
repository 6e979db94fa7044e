package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.tables.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code java -cp feature-server.jar kz.btcom.fs.billing.export.ExportMain --data-dir DIR --out DIR [--follow]
 * [--tariffs FILE]}: exports the call records of the journal in {@code DIR/journal} to {@code OUT} (see
 * {@link CallRecordExport}), once to the end of the journal, or with {@code --follow} until SIGTERM.
 *
 * <p>The JVM needs the flags of the pom's {@code fs.jvm.opens} (the jar's manifest gives them to {@code java -jar}
 * only); without them it says which and exits 2.
 *
 * <p>Exit codes: 0 done (or, with --follow, stopped by SIGINT/SIGTERM after a final commit; the JVM itself then
 * reports 130/143 as for any Java process ended by a signal), 2 a bad command line or tariff file (one line on
 * stderr naming the option or file), 1 the export failed (one line on stderr saying why).
 */
@Command(name = "export", sortOptions = false,
        description = "Exports the billing journal's call records as CSV for the billing system; resumes where it"
                + " stopped, never losing or repeating a record.")
public final class ExportMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_ARGUMENTS = 2;

    /** Makes the rater from the --tariffs file (null: the default). */
    @FunctionalInterface
    public interface RaterFactory {
        /**
         * @throws ConfigException a bad tariff file (exit 2 with its message)
         */
        Function<JournalEvent, List<CallRecord>> create(Path tariffs) throws ConfigException;
    }

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "the feature server's data directory (the journal is DIR/journal)")
    private Path dataDir;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "where the CSV files (calls-YYYY-MM-DD.csv) and the export's position go; created if"
                    + " missing")
    private Path out;

    @Option(names = "--follow", description = "keep exporting what is journaled until SIGTERM")
    private boolean follow;

    @Option(names = "--tariffs", paramLabel = "FILE",
            description = "tariffs (default: config/tariffs.yaml if present, else the built-in ones)")
    private Path tariffs;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean helpRequested;

    private ExportMain() {
    }

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        int code = run(args, System.out, System.err, ExportMain::tariffRater, ExportSettings.DEFAULT,
                onStop -> Runtime.getRuntime().addShutdownHook(new Thread(onStop, "export-shutdown")));
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the command; every dependency on the process is a parameter.
     *
     * @param onSignal registers what to run when the process is asked to stop (main: a shutdown hook)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, RaterFactory raters,
                          ExportSettings settings, Consumer<Runnable> onSignal) {
        ExportMain options = new ExportMain();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage() + " (see --help)");
            return EXIT_BAD_ARGUMENTS;
        }
        if (options.helpRequested) {
            out.print(commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF));
            return EXIT_OK;
        }
        List<String> missingFlags = ChronicleJournal.missingJvmFlags();
        if (!missingFlags.isEmpty()) {
            err.println("the JVM lacks the flags the journal (Chronicle Queue) needs: run java "
                    + String.join(" ", missingFlags) + " -cp feature-server.jar " + ExportMain.class.getName() + " ...");
            return EXIT_BAD_ARGUMENTS;
        }
        if (!Files.isDirectory(options.dataDir.resolve("journal"))) {
            err.println("--data-dir " + options.dataDir + ": no journal there (" + options.dataDir.resolve("journal")
                    + ")");
            return EXIT_BAD_ARGUMENTS;
        }
        if (Files.exists(options.out) && !Files.isDirectory(options.out)) {
            err.println("--out " + options.out + ": not a directory");
            return EXIT_BAD_ARGUMENTS;
        }
        Function<JournalEvent, List<CallRecord>> rater;
        try {
            rater = raters.create(options.tariffs);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_ARGUMENTS;
        }
        return options.export(rater, settings, out, err, onSignal);
    }

    private int export(Function<JournalEvent, List<CallRecord>> rater, ExportSettings settings, PrintStream out,
                       PrintStream err, Consumer<Runnable> onSignal) {
        CountDownLatch finished = new CountDownLatch(1);
        try (CallRecordExport export = CallRecordExport.open(dataDir, this.out, rater, settings)) {
            if (follow) {
                onSignal.accept(() -> {
                    export.stop();
                    try {
                        // Let the export commit and close before the JVM goes.
                        finished.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                export.follow();
            } else {
                export.exportAvailable();
            }
            out.println("exported " + export.recordsWritten() + " records; committed up to journal entry "
                    + export.committed().lastIndex() + " (" + export.committed().file() + ")");
            return EXIT_OK;
        } catch (NoSuchFileException e) {
            err.println("export failed: no such file: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("export failed: " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            finished.countDown();
        }
    }

    /** The real rater: the tariffs of {@code file}, else config/tariffs.yaml if present, else the built-in ones. */
    static Function<JournalEvent, List<CallRecord>> tariffRater(Path file) throws ConfigException {
        Path defaultFile = Path.of("config", "tariffs.yaml");
        Tariffs tariffs;
        if (file != null) {
            tariffs = Tariffs.read(file);
        } else if (Files.isRegularFile(defaultFile)) {
            tariffs = Tariffs.read(defaultFile);
        } else {
            tariffs = Tariffs.builtIn();
        }
        return new JournalRater(tariffs)::rate;
    }
}
