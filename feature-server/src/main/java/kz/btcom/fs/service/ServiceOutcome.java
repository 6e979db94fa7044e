package kz.btcom.fs.service;

import kz.btcom.fs.call.LocalMedia;

import java.util.Objects;

/** What a service decided about a call. Anything but {@link Continue} ends the chain. */
public sealed interface ServiceOutcome {

    /** This service has nothing to do with the call: ask the next one. */
    record Continue() implements ServiceOutcome {
    }

    /** Refuse the call with a 3xx-6xx final response (barring: 603; busy: 486). */
    record Reject(int code, String reason) implements ServiceOutcome {
        public Reject {
            if (code < 300 || code > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx final response, not " + code);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Send the call to another number (forwarding, last-caller return). */
    record Retarget(String number, String reason) implements ServiceOutcome {
        public Retarget {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The server answers the call itself and plays this media (a feature code's confirmation). */
    record Answer(LocalMedia media) implements ServiceOutcome {
        public Answer {
            Objects.requireNonNull(media, "media");
        }
    }

    ServiceOutcome CONTINUE = new Continue();

    static ServiceOutcome proceed() {
        return CONTINUE;
    }

    static ServiceOutcome reject(int code, String reason) {
        return new Reject(code, reason);
    }

    static ServiceOutcome retarget(String number, String reason) {
        return new Retarget(number, reason);
    }

    static ServiceOutcome answer(LocalMedia media) {
        return new Answer(media);
    }

    default boolean isFinal() {
        return !(this instanceof Continue);
    }
}
