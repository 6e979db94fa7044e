package kz.btcom.fs.call;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A call the server places itself.
 *
 * @param targetNumber the number called (E.164 with '+'), the Request-URI and To:
 *                     {@code sip:<number>@<home domain>;user=phone}
 * @param callerNumber who calls (E.164 with '+', the service number), the From and P-Asserted-Identity
 * @param callerName   a display name for From and P-Asserted-Identity, if any
 * @param media        the server's own media: its {@link LocalMedia#sdpAnswer sdpAnswer("")} is the offer, the
 *                     answer of the callee's 200 goes to {@link LocalMedia#remoteAnswer}, it starts after our ACK
 *                     and is closed at the end, whatever the end was
 * @param extraHeaders headers added to the INVITE as given (not those the adapter writes itself: Via, From, To,
 *                     Call-ID, CSeq, Contact, Max-Forwards, Route, Content-Type, Content-Length,
 *                     P-Asserted-Identity, P-Charging-Vector)
 */
public record OutgoingCall(String targetNumber, String callerNumber, Optional<String> callerName,
                           LocalMedia media, Map<String, String> extraHeaders) {

    public OutgoingCall {
        if (targetNumber == null || targetNumber.isBlank()) {
            throw new IllegalArgumentException("a placed call needs a target number");
        }
        if (callerNumber == null || callerNumber.isBlank()) {
            throw new IllegalArgumentException("a placed call needs a caller number");
        }
        Objects.requireNonNull(callerName, "callerName");
        Objects.requireNonNull(media, "media");
        extraHeaders = Map.copyOf(extraHeaders);
    }

    /** No display name, no extra headers. */
    public OutgoingCall(String targetNumber, String callerNumber, LocalMedia media) {
        this(targetNumber, callerNumber, Optional.empty(), media, Map.of());
    }
}
