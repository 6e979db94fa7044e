package kz.btcom.fs.config;

import java.util.List;
import java.util.Objects;

/**
 * The {@code admin} section: the API's bearer tokens as {@code token:role} entries. {@code FS_ADMIN_TOKENS}
 * replaces them; with none anywhere the server makes one operator token in the data directory at first start.
 *
 * @param tokensSource where the list came from, for messages about a bad entry
 */
public record AdminConfig(List<String> tokens, String tokensSource) {
    public AdminConfig {
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(tokensSource, "tokensSource");
    }
}
