package kz.btcom.fs.trace.audit;

import kz.btcom.fs.admin.auth.Role;

import java.time.Instant;
import java.util.Objects;

/**
 * One call of the trace API as the audit keeps it: who (the token's id and role, never the token), when, what
 * (method, path, query, the capture or subscriber it was about) and what it was answered.
 *
 * @param at        when it was answered (the server's clock)
 * @param query     the query as decoded, {@code name=value} pairs joined with {@code &} in name order; "" when none
 * @param captureId the capture it started or read; "" when none
 * @param number    the subscriber concerned (E.164): the traced number, the victim asked for; "" when none
 * @param status    the HTTP status answered
 */
public record AuditEntry(Instant at, String tokenId, Role role, String method, String path, String query,
                         String captureId, String number, int status) {

    /** The column widths of {@code trace_audit}: what a client sends is cut to fit, never refused for its length. */
    static final int MAX_PATH = 512;
    static final int MAX_QUERY = 1024;
    static final int MAX_CAPTURE_ID = 64;
    static final int MAX_NUMBER = 32;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(method, "method");
        path = cut(Objects.requireNonNull(path, "path"), MAX_PATH);
        query = cut(Objects.requireNonNullElse(query, ""), MAX_QUERY);
        captureId = cut(Objects.requireNonNullElse(captureId, ""), MAX_CAPTURE_ID);
        number = cut(Objects.requireNonNullElse(number, ""), MAX_NUMBER);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
