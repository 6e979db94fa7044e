package kz.btcom.fs.call;

import java.util.Objects;
import java.util.Optional;

/** What the B2BUA does with a new call once the services have run. */
public sealed interface CallDecision {

    /** Send the call on to the core, as the onward leg says (by default: as dialled, identities as received). */
    record Relay(OnwardLeg leg) implements CallDecision {
        /** Relay to the Request-URI as received. */
        public static final Relay AS_DIALLED = new Relay(OnwardLeg.AS_DIALLED);

        public Relay {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /**
     * Refuse the call with a final response; with an announcement, first play it to the caller as early media
     * (183 with the server's SDP) and send the final response when it ends (TS 24.611: the barring announcement
     * before 603). A caller that offered no SDP gets the final response at once.
     */
    record Reject(int statusCode, String reasonPhrase, Optional<LocalMedia> announcement) implements CallDecision {
        public Reject {
            if (statusCode < 300 || statusCode > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx final response, not " + statusCode);
            }
            Objects.requireNonNull(reasonPhrase, "reasonPhrase");
            Objects.requireNonNull(announcement, "announcement");
        }

        public Reject(int statusCode, String reasonPhrase) {
            this(statusCode, reasonPhrase, Optional.empty());
        }
    }

    /**
     * The server answers the call itself and plays media from its own endpoint, then hangs up.
     *
     * @param focus when the server answers as a conference focus (RFC 4579 4.1): the user part of the conference
     *              URI, which the 200's Contact carries with {@code ;isfocus}, so that the caller sends its REFERs
     *              and the parties their INVITEs to it
     */
    record Answer(LocalMedia media, Optional<String> focus) implements CallDecision {
        public Answer {
            Objects.requireNonNull(media, "media");
            Objects.requireNonNull(focus, "focus");
        }

        public Answer(LocalMedia media) {
            this(media, Optional.empty());
        }
    }

    static Relay relay() {
        return Relay.AS_DIALLED;
    }

    static Relay relay(OnwardLeg leg) {
        return leg.equals(OnwardLeg.AS_DIALLED) ? Relay.AS_DIALLED : new Relay(leg);
    }

    static Reject reject(int statusCode, String reasonPhrase) {
        return new Reject(statusCode, reasonPhrase);
    }
}
