package kz.btcom.fs.call;

import java.util.Objects;

/**
 * The session case as the core stated it: a top Route with {@code orig} (the caller is served, originating only)
 * or {@code P-Served-User} with {@code sescase} (RFC 5502), which also names the served user.
 */
public record ExplicitSessionCase(SessionCase sessionCase, SipIdentity servedUser, Source source) {

    public enum Source { ROUTE_ORIG, P_SERVED_USER }

    public ExplicitSessionCase {
        Objects.requireNonNull(sessionCase, "sessionCase");
        Objects.requireNonNull(servedUser, "servedUser");
        Objects.requireNonNull(source, "source");
    }
}
