package kz.btcom.fs.call;

import java.util.Objects;

/** What the B2BUA does with an in-dialog REFER: relay it, refuse it, or take it itself (202 and NOTIFYs). */
public sealed interface ReferDecision {

    /** Pass it to the other party as it came, and its answer back. */
    ReferDecision RELAY = new Relay();

    /** Relay the REFER: what the B2BUA always did. */
    record Relay() implements ReferDecision {
    }

    /**
     * The server takes the REFER itself (a conference focus adding a party, RFC 4579 5.5): the sender gets
     * 202 Accepted and a NOTIFY with {@code SIP/2.0 100 Trying}, and {@code taker} hears, on the call's lane, the
     * {@link ReferProgress} through which it reports how the referral went (each final report ends the implicit
     * subscription, RFC 3515 2.4.5).
     */
    record Accept(java.util.function.Consumer<ReferProgress> taker) implements ReferDecision {
        public Accept {
            Objects.requireNonNull(taker, "taker");
        }
    }

    /** Answer the REFER with this final response; the other party never sees it. */
    record Refuse(int status, String reason) implements ReferDecision {
        public Refuse {
            if (status < 400 || status > 699) {
                throw new IllegalArgumentException("a refused REFER gets a 4xx-6xx, not " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }
}
