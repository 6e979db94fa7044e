package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.tables.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bearer tokens of the HTTP API and their roles. Only the tokens' SHA-256 digests are kept, and a presented
 * token is compared with every one of them in constant time, so neither a heap dump nor response timing gives a
 * token away.
 */
public final class AccessTokens {

    /** {@code token:role,token:role}; when set, it replaces the configured list. */
    public static final String ENV = "FS_ADMIN_TOKENS";
    /** The configuration key of the list of {@code token:role} entries. */
    public static final String CONFIG_KEY = "admin.tokens";
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final int TOKEN_ID_HEX_DIGITS = 8;

    private final List<Holder> holders;
    private final String origin;

    private AccessTokens(List<Holder> holders, String origin) {
        this.holders = List.copyOf(holders);
        this.origin = origin;
    }

    /**
     * The tokens the server runs with: {@value #ENV} when set (not blank), else the configured list when not empty,
     * else the operator token kept in {@code <dataDir>/admin-token}, made at the first start (mode 0600).
     *
     * @param configured   the {@value #CONFIG_KEY} entries, {@code token:role} each
     * @param configSource where the configured list came from (the file), for messages
     * @throws ConfigException naming the source and the entry: {@code FS_ADMIN_TOKENS: entry 2: role "admin" is not
     *                         operator or technician}; or the token file when it cannot be read or made
     */
    public static AccessTokens resolve(List<String> configured, String configSource, Map<String, String> env,
                                       Path dataDir) throws ConfigException {
        String fromEnv = env.get(ENV);
        AccessTokens tokens;
        if (fromEnv != null && !fromEnv.isBlank()) {
            tokens = parse(List.of(fromEnv.split(",", -1)), ENV, null);
        } else if (!configured.isEmpty()) {
            tokens = parse(configured, configSource, CONFIG_KEY);
        } else {
            Path file = AdminTokenFile.path(dataDir);
            tokens = of(Map.of(AdminTokenFile.readOrCreate(file), Role.OPERATOR), file.toString());
        }
        log.info("HTTP API: {}", tokens);
        return tokens;
    }

    /**
     * Tokens from {@code token:role} entries; blank entries are skipped (a trailing comma).
     *
     * @param key the configuration key the entries are under, or null (an environment variable)
     */
    public static AccessTokens parse(List<String> entries, String source, String key) throws ConfigException {
        return of(TokenEntries.parse(entries, source, key), key == null ? source : source + ": " + key);
    }

    /** Tokens as given; for tests and for callers that have already checked them. */
    public static AccessTokens of(Map<String, Role> tokens, String origin) {
        return new AccessTokens(tokens.entrySet().stream()
                .map(e -> new Holder(digest(e.getKey()), new Principal(tokenId(e.getKey()), e.getValue())))
                .toList(), origin);
    }

    /** The principal whose token this is, if any. */
    public Optional<Principal> authenticate(String presented) {
        Objects.requireNonNull(presented, "presented");
        byte[] candidate = digest(presented);
        Principal found = null;
        // No early exit: the time taken must not say which token, if any, came close.
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.digest(), candidate)) {
                found = holder.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Where the tokens came from: the variable, the file and key, or the token file. */
    public String origin() {
        return origin;
    }

    /** Visible ASCII and no comma: what a bearer token of this server may hold. */
    static boolean isTokenText(String token) {
        if (token.isEmpty()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~' || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** The first hex digits of the token's SHA-256: names it in logs and audits, and cannot be used as it. */
    static String tokenId(String token) {
        return HexFormat.of().formatHex(digest(token)).substring(0, TOKEN_ID_HEX_DIGITS);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java", e);
        }
    }

    @Override
    public String toString() {
        Map<Role, Integer> byRole = new EnumMap<>(Role.class);
        holders.forEach(h -> byRole.merge(h.principal().role(), 1, Integer::sum));
        String roles = byRole.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().configName())
                .collect(Collectors.joining(", "));
        return holders.size() + (holders.size() == 1 ? " token (" : " tokens (") + roles + ") from " + origin;
    }

    private record Holder(byte[] digest, Principal principal) {
    }
}
