package kz.btcom.fs.call;

import java.util.Objects;

/**
 * A party as SIP named it, before numbering turns it into an E.164 number.
 *
 * @param uri         the whole URI as received, for logs and traces
 * @param user        the user part (tel: number, or sip: user), unescaped; empty when the URI has none
 * @param host        the host of a sip: URI; empty for tel:
 * @param displayName the display name, empty when none
 * @param kind        whether the user part is a telephone number by the URI's own say-so
 * @param phoneContext the {@code phone-context} parameter, empty when none
 */
public record SipIdentity(String uri, String user, String host, String displayName, Kind kind, String phoneContext) {

    public enum Kind {
        /** A {@code tel:} URI. */
        TEL,
        /** A {@code sip:} URI with {@code user=phone}. */
        SIP_PHONE,
        /** Any other {@code sip:}/{@code sips:} URI: the user part may still be digits as dialled. */
        SIP
    }

    public SipIdentity {
        Objects.requireNonNull(uri, "uri");
        user = Objects.requireNonNullElse(user, "");
        host = Objects.requireNonNullElse(host, "");
        displayName = Objects.requireNonNullElse(displayName, "");
        Objects.requireNonNull(kind, "kind");
        phoneContext = Objects.requireNonNullElse(phoneContext, "");
    }

    /** True when the user part is the anonymous identity of RFC 3323 (or none at all). */
    public boolean isAnonymous() {
        return user.isEmpty() || user.equalsIgnoreCase("anonymous") || host.endsWith("anonymous.invalid");
    }
}
