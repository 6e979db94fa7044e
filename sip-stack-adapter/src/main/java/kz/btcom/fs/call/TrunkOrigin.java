package kz.btcom.fs.call;

import java.util.Objects;

/**
 * Where a call entered: the trunk group the core named (RFC 4904 {@code tgrp} and {@code trunk-context} on the
 * caller's URI), and the network address the INVITE came from.
 */
public record TrunkOrigin(String trunkGroup, String trunkContext, String sourceHost, int sourcePort) {

    public TrunkOrigin {
        trunkGroup = Objects.requireNonNullElse(trunkGroup, "");
        trunkContext = Objects.requireNonNullElse(trunkContext, "");
        Objects.requireNonNull(sourceHost, "sourceHost");
    }

    public boolean namesTrunkGroup() {
        return !trunkGroup.isEmpty();
    }
}
