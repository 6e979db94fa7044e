package kz.btcom.fs.service.mcid;

import kz.btcom.fs.service.callreturn.CallOrigin;

import java.time.Instant;
import java.util.Objects;

/**
 * One malicious-call identification (TS 24.616): the call the victim flagged and where it came from. The caller is
 * recorded as the network identified it, even when the caller restricted its number; the victim never sees this.
 *
 * @param victim           the subscriber who flagged the call (E.164)
 * @param callerNumber     the caller's number as identified (P-Asserted-Identity, else From), E.164 when it reads so
 * @param callerUri        the caller's URI exactly as received
 * @param callerRestricted whether the caller had its number withheld (CLIR, Privacy: id)
 * @param callId           the Call-ID of the flagged call as it reached this server
 * @param callStart        when the flagged call reached the server
 * @param flaggedAt        when the victim flagged it
 * @param origin           the calling number, or the trunk the call came in on
 */
public record MaliciousCallRecord(String victim, String callerNumber, String callerUri, boolean callerRestricted,
                                  String callId, Instant callStart, Instant flaggedAt, CallOrigin origin) {

    public MaliciousCallRecord {
        Objects.requireNonNull(victim, "victim");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Objects.requireNonNull(callerUri, "callerUri");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(callStart, "callStart");
        Objects.requireNonNull(flaggedAt, "flaggedAt");
        Objects.requireNonNull(origin, "origin");
    }
}
