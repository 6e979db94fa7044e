package kz.btcom.fs.service;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OnwardLeg;

import java.util.Objects;
import java.util.Optional;

/**
 * What a service decided about a call. {@link Continue} passes the onward leg to the next service, changed or not
 * (CLIP sets the presentation, forwarding the target and its diversions, a watcher for the callee's answer); the
 * others end the chain.
 */
public sealed interface ServiceOutcome {

    /** Go on with this onward leg: the next service sees it, and the last one's goes to the core. */
    record Continue(OnwardLeg leg) implements ServiceOutcome {
        public Continue {
            Objects.requireNonNull(leg, "leg");
        }
    }

    /**
     * Refuse the call with a 3xx-6xx final response (barring: 603; busy: 486), after an announcement played as
     * early media when there is one.
     */
    record Reject(int code, String reason, Optional<LocalMedia> announcement) implements ServiceOutcome {
        public Reject {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx final response, not " + code);
            }
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(announcement, "announcement");
        }

        public Reject(int code, String reason) {
            this(code, reason, Optional.empty());
        }
    }

    /** The server answers the call itself and plays this media (a feature code's confirmation). */
    record Answer(LocalMedia media) implements ServiceOutcome {
        public Answer {
            Objects.requireNonNull(media, "media");
        }
    }

    static ServiceOutcome proceed(OnwardLeg leg) {
        return new Continue(leg);
    }

    static ServiceOutcome reject(int code, String reason) {
        return new Reject(code, reason);
    }

    static ServiceOutcome answer(LocalMedia media) {
        return new Answer(media);
    }

    default boolean isFinal() {
        return !(this instanceof Continue);
    }
}
