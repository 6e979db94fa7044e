package kz.btcom.fs.service.callreturn;

import java.util.Objects;

/**
 * Where a malicious call came from (TS 24.616, RFC 4904): for ordinary voice traffic the calling number; for a call
 * that came over an IP trunk, the trunk group the core named ({@code tgrp}/{@code trunk-context} on the Contact or
 * From URI), or else the trunk configured for the address the INVITE came from.
 *
 * @param kind         which of the three
 * @param value        the calling number (E.164 when it could be read so), or the trunk group's name
 * @param trunkContext the trunk group's {@code trunk-context} (its domain), empty when none or not a trunk group
 */
public record CallOrigin(Kind kind, String value, String trunkContext) {

    public enum Kind {
        CALLING_NUMBER("callingNumber"),
        TRUNK_GROUP("trunkGroup"),
        CONFIGURED_TRUNK("configuredTrunk");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        /** As the API and the database write it. */
        public String jsonName() {
            return jsonName;
        }

        public static Kind byJsonName(String name) {
            for (Kind kind : values()) {
                if (kind.jsonName.equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not an origin kind: " + name);
        }
    }

    public CallOrigin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        trunkContext = Objects.requireNonNullElse(trunkContext, "");
    }
}
