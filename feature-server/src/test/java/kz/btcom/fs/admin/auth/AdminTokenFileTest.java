package kz.btcom.fs.admin.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no token configured, the server makes one operator token, keeps it for its owner only, and says where. */
class AdminTokenFileTest {

    @TempDir
    Path dataDir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminTokenFile.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    private AccessTokens resolveWithNothingConfigured(Path dir) throws ConfigException {
        return AccessTokens.resolve(List.of(), "feature-server.yaml", Map.of(), dir);
    }

    private Path tokenFile() {
        return dataDir.resolve("admin-token");
    }

    private String tokenInFile() throws Exception {
        return Files.readString(tokenFile(), StandardCharsets.US_ASCII).trim();
    }

    @Test
    void theFirstStartMakesAnOperatorTokenReadableByItsOwnerOnly() throws Exception {
        AccessTokens tokens = resolveWithNothingConfigured(dataDir);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile())));
        String token = tokenInFile();
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
        assertEquals(Role.OPERATOR, tokens.authenticate(token).orElseThrow().role());
        assertEquals(tokenFile().toString(), tokens.origin());
    }

    @Test
    void laterStartsReuseTheToken() throws Exception {
        resolveWithNothingConfigured(dataDir);
        String first = tokenInFile();

        AccessTokens again = resolveWithNothingConfigured(dataDir);

        assertEquals(first, tokenInFile());
        assertTrue(again.authenticate(first).isPresent());
    }

    @Test
    void eachServerGetsATokenOfItsOwn() throws Exception {
        resolveWithNothingConfigured(dataDir);
        Path other = dataDir.resolve("other");
        resolveWithNothingConfigured(other);

        assertFalse(tokenInFile().equals(Files.readString(other.resolve("admin-token")).trim()));
    }

    @Test
    void theLogSaysWhereTheTokenIsButNeverWhatItIs() throws Exception {
        resolveWithNothingConfigured(dataDir);
        String token = tokenInFile();
        resolveWithNothingConfigured(dataDir);

        assertEquals(2, logged.list.size());
        for (ILoggingEvent event : logged.list) {
            assertEquals(Level.INFO, event.getLevel());
            assertTrue(event.getFormattedMessage().contains(tokenFile().toAbsolutePath().toString()),
                    event.getFormattedMessage());
            assertFalse(event.getFormattedMessage().contains(token), event.getFormattedMessage());
        }
    }

    @Test
    void aDataDirectoryThatDoesNotExistYetIsMade() throws Exception {
        Path fresh = dataDir.resolve("a/b");

        resolveWithNothingConfigured(fresh);

        assertTrue(Files.isRegularFile(fresh.resolve("admin-token")));
    }

    @Test
    void configuredTokensLeaveNoTokenFile() throws Exception {
        AccessTokens.resolve(List.of("0123456789abcdef:operator"), "feature-server.yaml", Map.of(), dataDir);

        assertFalse(Files.exists(tokenFile()));
    }

    @Test
    void aTokenFileWithoutAUsableTokenIsAnErrorNamingIt() throws Exception {
        Files.writeString(tokenFile(), "short\n");

        ConfigException e = assertThrows(ConfigException.class, () -> resolveWithNothingConfigured(dataDir));

        assertEquals(tokenFile() + ": holds no usable API token (one line of at least 16 visible characters);"
                + " delete it to have a new one made", e.getMessage());
    }

    @Test
    void aTokenFileOthersMayReadIsStillUsedWithAWarning() throws Exception {
        Files.writeString(tokenFile(), "0123456789abcdef-by-hand\n");
        Files.setPosixFilePermissions(tokenFile(), PosixFilePermissions.fromString("rw-r--r--"));

        AccessTokens tokens = resolveWithNothingConfigured(dataDir);

        assertTrue(tokens.authenticate("0123456789abcdef-by-hand").isPresent());
        assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("rw-r--r--")), logged.list.toString());
    }
}
