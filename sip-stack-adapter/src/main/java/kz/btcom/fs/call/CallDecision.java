package kz.btcom.fs.call;

import java.util.Objects;

/** What the B2BUA does with a new call once the services have run. */
public sealed interface CallDecision {

    /** Send the call on to the core, to the number dialled or, when retargeted, to another one. */
    record Relay(String targetNumber, String retargetReason) implements CallDecision {
        /** Relay to the Request-URI as received. */
        public static final Relay AS_DIALLED = new Relay(null, null);

        public boolean isRetargeted() {
            return targetNumber != null;
        }
    }

    /** Refuse the call with a final response. */
    record Reject(int statusCode, String reasonPhrase) implements CallDecision {
        public Reject {
            if (statusCode < 300 || statusCode > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx final response, not " + statusCode);
            }
            Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        }
    }

    /** The server answers the call itself and plays media from its own endpoint, then hangs up. */
    record Answer(LocalMedia media) implements CallDecision {
        public Answer {
            Objects.requireNonNull(media, "media");
        }
    }

    static Relay relay() {
        return Relay.AS_DIALLED;
    }

    static Relay retarget(String number, String reason) {
        return new Relay(Objects.requireNonNull(number, "number"), Objects.requireNonNull(reason, "reason"));
    }

    static Reject reject(int statusCode, String reasonPhrase) {
        return new Reject(statusCode, reasonPhrase);
    }
}
