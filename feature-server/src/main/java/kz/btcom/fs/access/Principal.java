package kz.btcom.fs.access;

import java.util.Objects;

/**
 * Who made an API call, as far as the server can tell: the token's role and an id derived from the token (the
 * first hex digits of its SHA-256), which an audit record can name without giving the token away.
 */
public record Principal(String tokenId, Role role) {

    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
    }

    @Override
    public String toString() {
        return role.configName() + " token " + tokenId;
    }
}
