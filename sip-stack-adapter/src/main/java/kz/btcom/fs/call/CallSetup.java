package kz.btcom.fs.call;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A new call as the services see it: who calls whom, in which session case, with what privacy, from where.
 *
 * @param callId       the Call-ID of the incoming leg
 * @param caller       the caller: P-Asserted-Identity (trusted from the core), else From
 * @param from         the From header as received
 * @param called       the Request-URI: the number the caller dialled, or the callee the core resolved
 * @param explicitCase the session case the core stated, if it did
 * @param privacy      the caller's Privacy request
 * @param trunk        the trunk group and source address the call came from
 * @param receivedAt   when the INVITE reached the server (the injected clock)
 * @param hasSdpOffer  whether the INVITE carries an SDP offer (false: the offer comes late, in the 200)
 * @param icid         the IMS charging identifier (RFC 7315 {@code icid-value}): the one the INVITE's
 *                     {@code P-Charging-Vector} carried, else the one the server made for the call. Every pass of the
 *                     call through the core and every leg of it shares it, so billing can tell it is one call.
 */
public record CallSetup(String callId, SipIdentity caller, SipIdentity from, SipIdentity called,
                        Optional<ExplicitSessionCase> explicitCase, Privacy privacy, TrunkOrigin trunk,
                        Instant receivedAt, boolean hasSdpOffer, String icid) {

    public CallSetup {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(called, "called");
        Objects.requireNonNull(explicitCase, "explicitCase");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(icid, "icid");
        if (icid.isBlank()) {
            throw new IllegalArgumentException("icid is blank");
        }
    }

    /** The same call addressed to {@code newCalled}: the called number as the services read it. */
    public CallSetup withCalled(SipIdentity newCalled) {
        return new CallSetup(callId, caller, from, newCalled, explicitCase, privacy, trunk, receivedAt, hasSdpOffer,
                icid);
    }

    /**
     * Whether the core sent this INVITE for the callee's terminating services only ({@code P-Served-User} with
     * {@code sescase=term}): in IMS routing the second pass of a call whose caller's pass went through an
     * originating server first.
     */
    public boolean isTerminatingPass() {
        return explicitCase.isPresent() && explicitCase.get().sessionCase() == SessionCase.TERMINATING;
    }
}
