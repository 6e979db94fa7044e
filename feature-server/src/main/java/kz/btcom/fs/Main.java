package kz.btcom.fs;

import kz.btcom.fs.billing.export.ExportMain;
import kz.btcom.fs.billing.rating.BillMain;
import java.util.Arrays;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.config.StartupOptions;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code java -jar feature-server.jar [options]}; {@code ... export ...} and {@code ... bill ...} run the billing
 * export and the itemized bill instead. Exit codes: 2 for a bad command line or configuration (one
 * line on stderr says which file or option, which key, what is wrong), 1 when the server cannot start (a port in
 * use); otherwise the server runs until SIGTERM and stops cleanly.
 */
public final class Main {

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_CONFIG = 2;

    private Main() {
    }

    public static void main(String[] args) {
        // First of all, before anything can load Chronicle: it must never send usage analytics anywhere.
        System.setProperty("chronicle.analytics.disable", "true");
        // A thread that dies of an exception nothing caught is logged, not lost on stderr.
        UncaughtExceptions.install();
        // The billing commands run from the same jar, so that they get the JVM flags of its manifest:
        // java -jar feature-server.jar export --data-dir DIR --out DIR [--follow]; ... bill --records FILE ...
        if (args.length > 0 && args[0].equals("export")) {
            ExportMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("bill")) {
            BillMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int exitCode = run(args, System.getenv(), Path.of(""), System.out, System.err, SipSide.jainSip());
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Starts, waits for SIGTERM, and returns the exit code; every dependency on the process is a parameter. */
    static int run(String[] args, Map<String, String> env, Path workingDir, PrintStream out, PrintStream err,
                   SipSide.Launcher sipLauncher) {
        FeatureServerConfig config;
        try {
            StartupOptions options = StartupOptions.parse(args);
            if (options.helpRequested()) {
                out.print(options.usage());
                return 0;
            }
            config = ConfigLoader.load(options, env, workingDir);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        // Before the ports open: the first call meets compiled code (see WarmUp).
        WarmUp.run(config, env, Clock.systemUTC(), sipLauncher);
        FeatureServer server;
        try {
            server = FeatureServer.start(config, env, Clock.systemUTC(), sipLauncher);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return EXIT_BAD_CONFIG;
        } catch (StartException e) {
            err.println(e.getMessage());
            return EXIT_START_FAILED;
        } catch (RuntimeException e) {
            // Not the operator's doing: a bug, so the stack trace is worth having.
            LoggerFactory.getLogger(Main.class).error("cannot start", e);
            err.println("cannot start: " + e);
            return EXIT_START_FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "fs-shutdown"));
        server.awaitStopped();
        return 0;
    }
}
