package kz.btcom.fs.featurecode;

import kz.btcom.fs.subscriber.ForwardingKind;

import java.time.LocalTime;
import java.util.Objects;
import java.util.OptionalInt;

/** What a subscriber asked for by dialling a feature code, with the digits it gave, not yet checked. */
public sealed interface FeatureRequest {

    /** {@code *43#} / {@code #43#}. */
    record CallWaitingSwitch(boolean activate) implements FeatureRequest {
    }

    /** {@code *#43#}. */
    record CallWaitingCheck() implements FeatureRequest {
    }

    /** {@code *21*N#}, {@code *61*N*T#}...: the target as dialled, the no-reply time when given. */
    record ForwardingSet(ForwardingKind kind, String target, OptionalInt noReplySeconds) implements FeatureRequest {
        public ForwardingSet {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(noReplySeconds, "noReplySeconds");
        }
    }

    /** {@code #21#}... */
    record ForwardingClear(ForwardingKind kind) implements FeatureRequest {
    }

    /** {@code *#21#}... */
    record ForwardingCheck(ForwardingKind kind) implements FeatureRequest {
    }

    /** {@code #002#}. */
    record ForwardingCancelAll() implements FeatureRequest {
    }

    /** {@code *34*PIN*K#}. */
    record BarringSet(String pin, int level) implements FeatureRequest {
        @Override
        public String toString() {
            return "BarringSet[level=" + level + "]";
        }
    }

    /** {@code #34*PIN#}. */
    record BarringClear(String pin) implements FeatureRequest {
        @Override
        public String toString() {
            return "BarringClear[]";
        }
    }

    /** {@code *#34#}. */
    record BarringCheck() implements FeatureRequest {
    }

    /** {@code *03*OLD*NEW*NEW#}. */
    record PinChange(String oldPin, String newPin, String repeatedPin) implements FeatureRequest {
        @Override
        public String toString() {
            return "PinChange[]";
        }
    }

    /** {@code *55*HHMM#} (once) or {@code *56*HHMM#} (daily). */
    record WakeUpBook(boolean daily, LocalTime time) implements FeatureRequest {
    }

    /** {@code #55#} / {@code #56#}. */
    record WakeUpCancel(boolean daily) implements FeatureRequest {
    }

    /** {@code *#55#} / {@code *#56#}. */
    record WakeUpCheck(boolean daily) implements FeatureRequest {
    }

    /** {@code *69#}. */
    record LastCallerReturn() implements FeatureRequest {
    }

    /** {@code *39#}. */
    record MaliciousCallReport() implements FeatureRequest {
    }
}
