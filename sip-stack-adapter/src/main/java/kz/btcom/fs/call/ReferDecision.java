package kz.btcom.fs.call;

import java.util.Objects;

/** What the B2BUA does with an in-dialog REFER. (Taking one itself, with 202 and NOTIFYs, is still to come.) */
public sealed interface ReferDecision {

    /** Pass it to the other party as it came, and its answer back. */
    ReferDecision RELAY = new Relay();

    /** Relay the REFER: what the B2BUA always did. */
    record Relay() implements ReferDecision {
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
