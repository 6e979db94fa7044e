package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.tables.ConfigException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code token:role} entries. Messages name the entry by its place, never the token: they end up in logs
 * and on terminals.
 */
final class TokenEntries {

    private TokenEntries() {
    }

    static Map<String, Role> parse(List<String> entries, String source, String key) throws ConfigException {
        Map<String, Role> tokens = new LinkedHashMap<>();
        Map<String, Integer> placeOf = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int place = i + 1;
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon < 0) {
                throw problem(source, key, place, "not token:role");
            }
            String token = entry.substring(0, colon).trim();
            String roleName = entry.substring(colon + 1).trim();
            Optional<Role> role = Role.fromConfigName(roleName);
            if (role.isEmpty()) {
                throw problem(source, key, place, "role \"" + roleName + "\" is not operator or technician");
            }
            if (!AccessTokens.isTokenText(token)) {
                throw problem(source, key, place, token.isEmpty() ? "the token is missing"
                        : "the token may hold only visible ASCII characters, no spaces or commas");
            }
            if (token.length() < AccessTokens.MIN_TOKEN_LENGTH) {
                throw problem(source, key, place,
                        "the token is shorter than " + AccessTokens.MIN_TOKEN_LENGTH + " characters");
            }
            Integer earlier = placeOf.putIfAbsent(token, place);
            if (earlier != null) {
                throw problem(source, key, place, "the same token as entry " + earlier);
            }
            tokens.put(token, role.get());
        }
        if (tokens.isEmpty()) {
            throw new ConfigException(source, key, "no token:role entries");
        }
        return tokens;
    }

    private static ConfigException problem(String source, String key, int place, String problem) {
        return new ConfigException(source, key, "entry " + place + ": " + problem);
    }
}
