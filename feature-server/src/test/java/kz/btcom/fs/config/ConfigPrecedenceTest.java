package kz.btcom.fs.config;

import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static kz.btcom.fs.config.ConfigFiles.load;
import static kz.btcom.fs.config.ConfigFiles.write;
import static kz.btcom.fs.config.ConfigFiles.writeDefaultFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Command-line option over environment variable over file over built-in default. */
class ConfigPrecedenceTest {

    private static final String FILE = """
            sip:
              listen: 10.0.0.1:5060
              core: 10.0.0.2:5070
            http:
              listen: 10.0.0.3:8080
            dataDir: from-file
            """;

    private static final Map<String, String> ENV = Map.of(
            "FS_SIP_LISTEN", "10.0.1.1:5060",
            "FS_CORE", "10.0.1.2:5070",
            "FS_HTTP_LISTEN", "10.0.1.3:8080",
            "FS_DATA_DIR", "from-env");

    @TempDir
    Path workingDir;

    @Test
    void theFileOverridesTheDefaults() throws ConfigException {
        writeDefaultFile(workingDir, FILE);

        FeatureServerConfig config = load(workingDir, Map.of());

        assertEquals("10.0.0.1:5060", config.sip().listen().toString());
        assertEquals("10.0.0.2:5070", config.sip().core().toString());
        assertEquals("10.0.0.3:8080", config.http().listen().toString());
        assertEquals(workingDir.resolve("from-file"), config.dataDir());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws ConfigException {
        writeDefaultFile(workingDir, FILE);

        FeatureServerConfig config = load(workingDir, ENV);

        assertEquals("10.0.1.1:5060", config.sip().listen().toString());
        assertEquals("10.0.1.2:5070", config.sip().core().toString());
        assertEquals("10.0.1.3:8080", config.http().listen().toString());
        assertEquals(workingDir.resolve("from-env"), config.dataDir());
    }

    @Test
    void optionsOverrideEnvironmentVariables() throws ConfigException {
        writeDefaultFile(workingDir, FILE);

        FeatureServerConfig config = load(workingDir, ENV,
                "--sip-listen", "10.0.2.1:5060", "--core", "10.0.2.2:5070",
                "--http-listen=10.0.2.3:8080", "--data-dir", "from-option");

        assertEquals("10.0.2.1:5060", config.sip().listen().toString());
        assertEquals("10.0.2.2:5070", config.sip().core().toString());
        assertEquals("10.0.2.3:8080", config.http().listen().toString());
        assertEquals(workingDir.resolve("from-option"), config.dataDir());
    }

    @Test
    void eachKeyTakesItsOwnHighestLayer() throws ConfigException {
        writeDefaultFile(workingDir, FILE);

        FeatureServerConfig config = load(workingDir, Map.of("FS_CORE", "10.0.1.2:5070"), "--data-dir", "opt");

        assertEquals("10.0.0.1:5060", config.sip().listen().toString()); // file
        assertEquals("10.0.1.2:5070", config.sip().core().toString());   // environment
        assertEquals(workingDir.resolve("opt"), config.dataDir());        // option
        assertEquals(2, config.sip().stackThreads());                     // default
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() throws ConfigException {
        writeDefaultFile(workingDir, FILE);

        assertEquals("10.0.0.2:5070", load(workingDir, Map.of("FS_CORE", " ")).sip().core().toString());
    }

    @Test
    void theConfigOptionNamesTheFileInsteadOfTheDefaultOne() throws ConfigException {
        writeDefaultFile(workingDir, FILE);
        write(workingDir, "other.yaml", "sip:\n  core: 10.9.9.9:5070\n");

        assertEquals("10.9.9.9:5070", load(workingDir, Map.of(), "--config", "other.yaml").sip().core().toString());
    }

    @Test
    void theConfigEnvironmentVariableNamesTheFileWhenNoOptionDoes() throws ConfigException {
        write(workingDir, "env.yaml", "sip:\n  core: 10.8.8.8:5070\n");
        write(workingDir, "option.yaml", "sip:\n  core: 10.9.9.9:5070\n");

        assertEquals("10.8.8.8:5070", load(workingDir, Map.of("FS_CONFIG", "env.yaml")).sip().core().toString());
        assertEquals("10.9.9.9:5070", load(workingDir, Map.of("FS_CONFIG", "env.yaml"),
                "--config", "option.yaml").sip().core().toString());
    }

    @Test
    void anIpv6AddressParsesFromAnOptionAndFromTheEnvironment() throws ConfigException {
        FeatureServerConfig config = load(workingDir, Map.of("FS_CORE", "[2001:db8::1]:5070"),
                "--sip-listen", "[::1]:5060");

        assertEquals(new HostPort("::1", 5060), config.sip().listen());
        assertEquals(new HostPort("2001:db8::1", 5070), config.sip().core());
    }
}
