package kz.btcom.fs.trace.audit;

import kz.btcom.fs.access.Role;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the trace API as the audit keeps it: who (the token's id and role, never the token, and the address
 * it came from), when, what (method, path, query, the capture or subscriber it was about) and what it was
 * answered. Refused calls are kept too: a 401 has no role, and no token id when no token came.
 *
 * @param at        when it was answered (the server's clock)
 * @param tokenId   the presented token's id; "" when the call carried none
 * @param role      the token's role; empty when the token was not known (or there was none)
 * @param source    the client's IP address; "" when not known
 * @param query     the query as decoded, {@code name=value} pairs joined with {@code &} in name order; "" when none
 * @param captureId the capture it started or read; "" when none
 * @param number    the subscriber concerned (E.164): the traced number, the victim asked for; "" when none
 * @param status    the HTTP status answered
 */
public record AuditEntry(Instant at, String tokenId, Optional<Role> role, String source, String method, String path,
                         String query, String captureId, String number, int status) {

    /** The column widths of {@code trace_audit}: what a client sends is cut to fit, never refused for its length. */
    static final int MAX_PATH = 512;
    static final int MAX_QUERY = 1024;
    static final int MAX_CAPTURE_ID = 64;
    static final int MAX_NUMBER = 32;
    static final int MAX_SOURCE = 64;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
        source = cut(Objects.requireNonNullElse(source, ""), MAX_SOURCE);
        Objects.requireNonNull(method, "method");
        path = cut(Objects.requireNonNull(path, "path"), MAX_PATH);
        query = cut(Objects.requireNonNullElse(query, ""), MAX_QUERY);
        captureId = cut(Objects.requireNonNullElse(captureId, ""), MAX_CAPTURE_ID);
        number = cut(Objects.requireNonNullElse(number, ""), MAX_NUMBER);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    /** A call a known token made, from an address not known. */
    public AuditEntry(Instant at, String tokenId, Role role, String method, String path, String query,
                      String captureId, String number, int status) {
        this(at, tokenId, Optional.of(role), "", method, path, query, captureId, number, status);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
