package kz.btcom.fs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.tables.ConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the configuration once at start. Layers, highest first: command-line options, environment variables,
 * the file ({@code --config}, else {@code FS_CONFIG}, else {@code config/feature-server.yaml} if it exists), and
 * the built-in defaults (the shipped {@code config/feature-server.yaml}, embedded in the jar).
 */
public final class ConfigLoader {

    /** Relative to the working directory; used only if it exists. */
    public static final Path DEFAULT_FILE = Path.of("config", "feature-server.yaml");

    static final String DEFAULTS_RESOURCE = "feature-server.yaml";
    static final String DEFAULTS_SOURCE = "built-in defaults";
    static final String CONFIG_ENV = "FS_CONFIG";

    /** The keys an option or environment variable can set, in one table. */
    private record Overridable(String key, String option, Function<StartupOptions, String> optionValue,
                               String envVar) {
    }

    private static final List<Overridable> OVERRIDABLE = List.of(
            new Overridable("sip.listen", StartupOptions.SIP_LISTEN, StartupOptions::sipListen, "FS_SIP_LISTEN"),
            new Overridable("sip.core", StartupOptions.CORE, StartupOptions::core, "FS_CORE"),
            new Overridable("http.listen", StartupOptions.HTTP_LISTEN, StartupOptions::httpListen, "FS_HTTP_LISTEN"),
            new Overridable("dataDir", StartupOptions.DATA_DIR, StartupOptions::dataDir, "FS_DATA_DIR"),
            new Overridable("store.jdbcUrl", StartupOptions.JDBC_URL, StartupOptions::jdbcUrl, "FS_JDBC_URL"),
            new Overridable("warmUp.calls", StartupOptions.WARM_UP_CALLS, StartupOptions::warmUpCalls,
                    "FS_WARM_UP_CALLS"),
            new Overridable("store.user", null, o -> null, "FS_DB_USER"),
            // No option for the password: a command line is visible to every user of the machine.
            new Overridable("store.password", null, o -> null, "FS_DB_PASSWORD"));

    private ConfigLoader() {
    }

    /**
     * @param env        the environment (a plain map, so tests need no real one); blank values count as unset
     * @param workingDir what relative file names are relative to ({@code Path.of("")} in production)
     */
    public static FeatureServerConfig load(StartupOptions options, Map<String, String> env, Path workingDir)
            throws ConfigException {
        ConfigLayers layers = new ConfigLayers(DEFAULTS_SOURCE, embeddedDefaults());
        Optional<Path> file = chooseFile(options, env, workingDir);
        if (file.isPresent()) {
            String source = file.get().toString();
            layers.addDocument(source, YamlDocument.parse(source, read(file.get())));
        }
        for (Overridable o : OVERRIDABLE) {
            nonBlank(env.get(o.envVar()))
                    .ifPresent(value -> layers.override(envSource(o.envVar()), o.key(), value));
        }
        for (Overridable o : OVERRIDABLE) {
            nonBlank(o.optionValue().apply(options)).ifPresent(value -> layers.override(o.option(), o.key(), value));
        }
        FeatureServerConfig config = ConfigReader.read(layers, workingDir);
        return config.withDataDir(workingDir.resolve(config.dataDir()))
                .withBillingExportDir(config.billingExportDir().map(workingDir::resolve));
    }

    /** The built-in defaults alone: what the server runs with when nothing is configured. */
    public static FeatureServerConfig defaults() {
        try {
            return ConfigReader.read(new ConfigLayers(DEFAULTS_SOURCE, embeddedDefaults()), Path.of(""));
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are broken: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> chooseFile(StartupOptions options, Map<String, String> env, Path workingDir)
            throws ConfigException {
        Optional<String> fromOption = nonBlank(options.configFile());
        if (fromOption.isPresent()) {
            return Optional.of(existing(workingDir.resolve(fromOption.get()), StartupOptions.CONFIG));
        }
        Optional<String> fromEnv = nonBlank(env.get(CONFIG_ENV));
        if (fromEnv.isPresent()) {
            return Optional.of(existing(workingDir.resolve(fromEnv.get()), envSource(CONFIG_ENV)));
        }
        Path defaultFile = workingDir.resolve(DEFAULT_FILE);
        return Files.exists(defaultFile) ? Optional.of(defaultFile) : Optional.empty();
    }

    private static Path existing(Path file, String namedBy) throws ConfigException {
        if (!Files.exists(file)) {
            throw ConfigException.of(namedBy, "configuration file " + file + " does not exist");
        }
        return file;
    }

    private static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ConfigException.of(file.toString(), "does not exist");
        } catch (AccessDeniedException e) {
            throw ConfigException.of(file.toString(), "cannot read: permission denied");
        } catch (IOException e) {
            throw ConfigException.of(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    private static ObjectNode embeddedDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in defaults " + DEFAULTS_RESOURCE + " missing from the jar");
            }
            return YamlDocument.parse(DEFAULTS_SOURCE, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in defaults are broken: " + e.getMessage(), e);
        }
    }

    private static String envSource(String envVar) {
        return "environment variable " + envVar;
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
