package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the API's tokens come from, and which of them is whose. */
class AccessTokensTest {

    private static final String OPERATOR_TOKEN = "op-0123456789abcdef";
    private static final String TECHNICIAN_TOKEN = "tech-0123456789abcdef";
    private static final String CONFIG = "config/feature-server.yaml";

    @TempDir
    Path dataDir;

    private AccessTokens fromEnv(String value) throws ConfigException {
        return AccessTokens.resolve(List.of(), CONFIG, Map.of(AccessTokens.ENV, value), dataDir);
    }

    private String problemWithEnv(String value) {
        return assertThrows(ConfigException.class, () -> fromEnv(value)).getMessage();
    }

    @Test
    void eachTokenAuthenticatesAsItsRole() throws ConfigException {
        AccessTokens tokens = fromEnv(OPERATOR_TOKEN + ":operator," + TECHNICIAN_TOKEN + ":technician");

        assertEquals(Role.OPERATOR, tokens.authenticate(OPERATOR_TOKEN).orElseThrow().role());
        assertEquals(Role.TECHNICIAN, tokens.authenticate(TECHNICIAN_TOKEN).orElseThrow().role());
    }

    @Test
    void anUnknownTokenAuthenticatesAsNobody() throws ConfigException {
        AccessTokens tokens = fromEnv(OPERATOR_TOKEN + ":operator");

        assertEquals(Optional.empty(), tokens.authenticate("op-0123456789abcdeX"));
        assertEquals(Optional.empty(), tokens.authenticate(OPERATOR_TOKEN.substring(1)));
        assertEquals(Optional.empty(), tokens.authenticate(OPERATOR_TOKEN + "0"));
        assertEquals(Optional.empty(), tokens.authenticate(""));
    }

    @Test
    void aPrincipalIsNamedByAnIdThatIsNotTheToken() throws ConfigException {
        Principal principal = fromEnv(OPERATOR_TOKEN + ":operator").authenticate(OPERATOR_TOKEN).orElseThrow();

        assertEquals(8, principal.tokenId().length());
        assertFalse(OPERATOR_TOKEN.contains(principal.tokenId()));
        assertEquals("operator token " + principal.tokenId(), principal.toString());
    }

    @Test
    void rolesAndSpacesAroundEntriesAreForgiving() throws ConfigException {
        AccessTokens tokens = fromEnv(" " + OPERATOR_TOKEN + " : Operator , " + TECHNICIAN_TOKEN + ":TECHNICIAN,");

        assertEquals(Role.OPERATOR, tokens.authenticate(OPERATOR_TOKEN).orElseThrow().role());
        assertEquals(Role.TECHNICIAN, tokens.authenticate(TECHNICIAN_TOKEN).orElseThrow().role());
    }

    @Test
    void aTokenMayHoldAColonSinceTheRoleIsAfterTheLastOne() throws ConfigException {
        AccessTokens tokens = fromEnv("abc:0123456789abcdef:technician");

        assertEquals(Role.TECHNICIAN, tokens.authenticate("abc:0123456789abcdef").orElseThrow().role());
    }

    @Test
    void anUnknownRoleIsAnErrorNamingTheSourceAndTheEntry() {
        assertEquals("FS_ADMIN_TOKENS: entry 2: role \"admin\" is not operator or technician",
                problemWithEnv(OPERATOR_TOKEN + ":operator," + TECHNICIAN_TOKEN + ":admin"));
    }

    @Test
    void aTokenShorterThan16CharactersIsAnError() {
        assertEquals("FS_ADMIN_TOKENS: entry 1: the token is shorter than 16 characters",
                problemWithEnv("short-token:operator"));
    }

    @Test
    void anEntryWithoutARoleIsAnError() {
        assertEquals("FS_ADMIN_TOKENS: entry 1: not token:role", problemWithEnv(OPERATOR_TOKEN));
        assertEquals("FS_ADMIN_TOKENS: entry 1: the token is missing", problemWithEnv(":operator"));
    }

    @Test
    void aTokenWithSpacesIsAnError() {
        assertEquals("FS_ADMIN_TOKENS: entry 1: the token may hold only visible ASCII characters, no spaces or"
                + " commas", problemWithEnv("secret with spaces:operator"));
    }

    @Test
    void theSameTokenTwiceIsAnError() {
        assertEquals("FS_ADMIN_TOKENS: entry 2: the same token as entry 1",
                problemWithEnv(OPERATOR_TOKEN + ":operator," + OPERATOR_TOKEN + ":technician"));
    }

    @Test
    void aVariableWithOnlyCommasIsAnError() {
        assertEquals("FS_ADMIN_TOKENS: no token:role entries", problemWithEnv(" , "));
    }

    @Test
    void messagesNeverHoldTheToken() {
        String secret = "s3cr3t-s3cr3t-s3cr3t";
        for (String bad : List.of(secret + ":admin", secret, secret + ":operator," + secret + ":operator",
                "s3cr3t:operator")) {
            String message = problemWithEnv(bad);
            assertFalse(message.contains("s3cr3t"), message);
        }
    }

    @Test
    void aConfiguredListIsUsedWhenTheVariableIsNotSet() throws ConfigException {
        AccessTokens tokens = AccessTokens.resolve(List.of(TECHNICIAN_TOKEN + ":technician"), CONFIG, Map.of(),
                dataDir);

        assertEquals(Role.TECHNICIAN, tokens.authenticate(TECHNICIAN_TOKEN).orElseThrow().role());
        assertEquals("config/feature-server.yaml: admin.tokens", tokens.origin());
    }

    @Test
    void aBlankVariableCountsAsNotSet() throws ConfigException {
        AccessTokens tokens = AccessTokens.resolve(List.of(TECHNICIAN_TOKEN + ":technician"), CONFIG,
                Map.of(AccessTokens.ENV, "  "), dataDir);

        assertTrue(tokens.authenticate(TECHNICIAN_TOKEN).isPresent());
    }

    @Test
    void theVariableWinsOverTheConfiguredList() throws ConfigException {
        AccessTokens tokens = AccessTokens.resolve(List.of(TECHNICIAN_TOKEN + ":technician"), CONFIG,
                Map.of(AccessTokens.ENV, OPERATOR_TOKEN + ":operator"), dataDir);

        assertTrue(tokens.authenticate(OPERATOR_TOKEN).isPresent());
        assertFalse(tokens.authenticate(TECHNICIAN_TOKEN).isPresent());
        assertEquals("FS_ADMIN_TOKENS", tokens.origin());
    }

    @Test
    void aBadConfiguredEntryIsAnErrorNamingTheFileAndTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> AccessTokens.resolve(
                List.of(OPERATOR_TOKEN + ":operator", TECHNICIAN_TOKEN + ":root"), CONFIG, Map.of(), dataDir));

        assertEquals("config/feature-server.yaml: admin.tokens: entry 2: role \"root\" is not operator or technician",
                e.getMessage());
        assertEquals("admin.tokens", e.key());
    }

    @Test
    void describingTheTokensCountsThemByRoleAndNeverShowsThem() throws ConfigException {
        AccessTokens tokens = fromEnv(OPERATOR_TOKEN + ":operator," + TECHNICIAN_TOKEN + ":technician,"
                + "another-operator-token:operator");

        assertEquals("3 tokens (2 operator, 1 technician) from FS_ADMIN_TOKENS", tokens.toString());
    }
}
