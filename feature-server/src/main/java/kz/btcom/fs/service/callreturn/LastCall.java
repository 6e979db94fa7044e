package kz.btcom.fs.service.callreturn;


import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber's last incoming call, as the server identified its caller: what last-caller return calls back and
 * what a malicious-call identification flags.
 *
 * @param callId       the call's Call-ID as it reached the server
 * @param callerNumber the caller's number (E.164 when it reads so; empty when the call came with none)
 * @param callerUri    the caller's URI as received
 * @param restricted   the caller withheld its number (CLIR, Privacy, anonymous): it is never called back
 * @param receivedAt   when the call reached the server
 * @param endedAt      when it ended; empty while it lasts (or when the server stopped before it ended)
 * @param origin       where it came from: the calling number or the trunk
 */
public record LastCall(String callId, String callerNumber, String callerUri, boolean restricted, Instant receivedAt,
                       Optional<Instant> endedAt, CallOrigin origin) {

    public LastCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Objects.requireNonNull(callerUri, "callerUri");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(origin, "origin");
    }

    public LastCall endedAt(Instant when) {
        return new LastCall(callId, callerNumber, callerUri, restricted, receivedAt, Optional.of(when), origin);
    }

    /** The number to call back: none when the caller restricted it or had none. */
    public Optional<String> callBackNumber() {
        return restricted || callerNumber.isEmpty() ? Optional.empty() : Optional.of(callerNumber);
    }
}
