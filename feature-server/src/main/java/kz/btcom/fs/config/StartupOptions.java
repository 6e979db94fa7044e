package kz.btcom.fs.config;

import kz.btcom.fs.tables.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line. Every option but --help overrides one configuration key (see {@link ConfigLoader}). */
@Command(name = "feature-server", sortOptions = false,
        description = "BTcom NGN feature server: a SIP application server (B2BUA) in front of the core.",
        footer = {"", "Billing commands, from the same jar:",
                "  feature-server export --data-dir DIR --out DIR [--follow]   rated call records as CSV",
                "  feature-server bill --records CSV --number N --month YYYY-MM  an itemized bill",
                "(each with --help)"})
public final class StartupOptions {

    static final String CONFIG = "--config";
    static final String SIP_LISTEN = "--sip-listen";
    static final String CORE = "--core";
    static final String HTTP_LISTEN = "--http-listen";
    static final String DATA_DIR = "--data-dir";
    static final String JDBC_URL = "--jdbc-url";
    static final String WARM_UP_CALLS = "--warm-up-calls";

    @Option(names = CONFIG, paramLabel = "FILE",
            description = "configuration file (default: config/feature-server.yaml if present; env FS_CONFIG)")
    private String configFile;

    @Option(names = SIP_LISTEN, paramLabel = "HOST:PORT", description = "sip.listen (env FS_SIP_LISTEN)")
    private String sipListen;

    @Option(names = CORE, paramLabel = "HOST:PORT", description = "sip.core (env FS_CORE)")
    private String core;

    @Option(names = HTTP_LISTEN, paramLabel = "HOST:PORT", description = "http.listen (env FS_HTTP_LISTEN)")
    private String httpListen;

    @Option(names = DATA_DIR, paramLabel = "DIR", description = "dataDir (env FS_DATA_DIR)")
    private String dataDir;

    @Option(names = JDBC_URL, paramLabel = "URL",
            description = "store.jdbcUrl: a jdbc:postgresql: database instead of the embedded one (env FS_JDBC_URL)")
    private String jdbcUrl;

    @Option(names = WARM_UP_CALLS, paramLabel = "N",
            description = "warmUp.calls: calls through a throwaway instance before the ports open; 0: start cold"
                    + " (env FS_WARM_UP_CALLS)")
    private String warmUpCalls;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean helpRequested;

    private String usage = "";

    private StartupOptions() {
    }

    /** Parses the arguments; a bad command line is a {@link ConfigException} like a bad file. */
    public static StartupOptions parse(String... args) throws ConfigException {
        StartupOptions options = new StartupOptions();
        CommandLine commandLine = new CommandLine(options);
        try {
            commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw ConfigException.of("command line", e.getMessage() + " (see --help)");
        }
        options.usage = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        return options;
    }

    public boolean helpRequested() {
        return helpRequested;
    }

    public String usage() {
        return usage;
    }

    String configFile() {
        return configFile;
    }

    String sipListen() {
        return sipListen;
    }

    String core() {
        return core;
    }

    String httpListen() {
        return httpListen;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String dataDir() {
        return dataDir;
    }

    String warmUpCalls() {
        return warmUpCalls;
    }
}
