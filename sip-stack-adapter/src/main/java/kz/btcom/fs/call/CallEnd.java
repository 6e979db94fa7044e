package kz.btcom.fs.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a call ended, for billing and the services' bookkeeping.
 *
 * @param outcome     what became of it
 * @param status      the caller's final response (200 when answered; 486, 487, 603...; 0 when it never got one)
 * @param releasedBy  who ended it
 * @param alertedAt   when the caller was first told the callee is ringing (180)
 * @param answeredAt  when the caller got the 200 (a relayed answer, or the server's own)
 * @param endedAt     when the call was over
 * @param diversions  the diversions of the last onward leg (the call as it was finally offered)
 */
public record CallEnd(CallOutcome outcome, int status, Releaser releasedBy, Optional<Instant> alertedAt,
                      Optional<Instant> answeredAt, Instant endedAt, List<Diversion> diversions) {

    /** Who ended the call. */
    public enum Releaser {
        CALLER,
        CALLEE,
        /** The server: a refusal, a timeout, the end of its own announcement, shutdown. */
        SERVER
    }

    public CallEnd {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(releasedBy, "releasedBy");
        Objects.requireNonNull(alertedAt, "alertedAt");
        Objects.requireNonNull(answeredAt, "answeredAt");
        Objects.requireNonNull(endedAt, "endedAt");
        diversions = List.copyOf(diversions);
    }
}
