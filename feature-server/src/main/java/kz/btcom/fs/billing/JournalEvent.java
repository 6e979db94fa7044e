package kz.btcom.fs.billing;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The events of the billing journal. Times are UTC instants (journaled with millisecond precision); numbers are
 * E.164 with '+' where the call has one (else as received, e.g. "anonymous" or a short code), each with its class.
 */
public sealed interface JournalEvent {

    /** The Call-ID of the caller's leg: every event of one call carries it. */
    String callId();

    Instant at();

    /**
     * A call reached the server (its services have decided to relay it).
     *
     * @param caller       the caller's number as identified (P-Asserted-Identity), even when restricted
     * @param called       the number dialled, normalised
     * @param calledClass  its class from the caller's point of view; null when the numbering plan cannot place it
     * @param chargedParty who pays for the call: the caller; null in a terminating pass, whose caller's leg is
     *                     charged by the call's originating pass
     * @param pass         which session case this pass of the call served
     * @param icid         the IMS charging identifier every pass and leg of the call shares; null only in entries
     *                     journaled before it was kept (format 1)
     */
    record CallAttempt(String callId, Instant at, String caller, String called, NumberClass calledClass,
                       String chargedParty, Pass pass, String icid) implements JournalEvent {
        public CallAttempt {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(called, "called");
            Objects.requireNonNull(pass, "pass");
            if (chargedParty == null && pass.chargesTheCaller()) {
                throw new IllegalArgumentException("a " + pass + " pass charges the caller: chargedParty needed");
            }
        }
    }

    /** The callee is alerting (180). */
    record CallAlerting(String callId, Instant at) implements JournalEvent {
        public CallAlerting {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The callee answered (200): charging starts here. */
    record CallAnswer(String callId, Instant at) implements JournalEvent {
        public CallAnswer {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The call is over: the event the billing is made from, complete in itself (the export and the rater need no
     * other event of the call).
     *
     * @param caller       the caller's number as identified (even when restricted)
     * @param called       the number dialled, normalised
     * @param calledClass  its class; null when the numbering plan cannot place it
     * @param started      when the INVITE arrived
     * @param answered     when the callee answered; null when it never did
     * @param cause        the SIP status that ended it (200 for a call answered and hung up, 486, 487, 603...)
     * @param releasedBy   who ended it
     * @param legs         the forwarded legs this pass made, in order: each charged to the subscriber who forwarded
     * @param pass         which session case this pass of the call served: whether the caller's leg is charged here
     * @param icid         the IMS charging identifier every pass and leg of the call shares; null only in entries
     *                     journaled before it was kept (format 1)
     */
    record CallRelease(String callId, Instant at, String caller, String called, NumberClass calledClass,
                       Instant started, Instant answered, int cause, Party releasedBy, List<ForwardedLeg> legs,
                       Pass pass, String icid)
            implements JournalEvent {
        public CallRelease {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(called, "called");
            Objects.requireNonNull(started, "started");
            Objects.requireNonNull(releasedBy, "releasedBy");
            Objects.requireNonNull(pass, "pass");
            legs = List.copyOf(legs);
        }

        /** From answer to release; zero when never answered. */
        public Duration duration() {
            return answered == null ? Duration.ZERO : Duration.between(answered, at);
        }
    }

    /** One forwarded leg of a call: {@code from} (who pays) forwarded it to {@code to}. */
    record ForwardedLeg(String from, String to, NumberClass toClass, DiversionReason reason) {
        public ForwardedLeg {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The call was forwarded: from here on a second leg, {@code from} to {@code to}, is charged to the forwarding
     * subscriber.
     */
    record CallForwarding(String callId, Instant at, String from, String to, NumberClass toClass,
                          DiversionReason reason, String chargedParty) implements JournalEvent {
        public CallForwarding {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(chargedParty, "chargedParty");
        }
    }

    /**
     * A subscriber used a feature code.
     *
     * @param operation the table's key, e.g. {@code forwardUnconditional.activate} (never the digits: a PIN)
     * @param positive  whether it worked
     */
    record FeatureCodeUse(String callId, Instant at, String subscriber, String operation, boolean positive)
            implements JournalEvent {
        public FeatureCodeUse {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * A call refused by the caller's barring or suspension (603).
     *
     * @param reason "barring level N" or "suspended"
     */
    record BarringRejection(String callId, Instant at, String caller, String called, NumberClass calledClass,
                            String reason) implements JournalEvent {
        public BarringRejection {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(called, "called");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A subscriber flagged a call as malicious (TS 24.616): a chargeable event of the victim's.
     *
     * @param callId           the flagged call's Call-ID
     * @param caller           the caller as identified, even when it restricted its number
     * @param originKind       "callingNumber", "trunkGroup" or "configuredTrunk"
     * @param origin           the calling number or the trunk's name
     */
    record MaliciousCallIdentification(String callId, Instant at, String victim, String caller,
                                       boolean callerRestricted, String originKind, String origin)
            implements JournalEvent {
        public MaliciousCallIdentification {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(victim, "victim");
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(originKind, "originKind");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * What became of one wake-up call's attempt, or of a booked minute that passed with no attempt. Only an answered
     * call is delivered and charged to the subscriber (the {@code wakeUpCall} fee of tariffs.yaml); the call itself
     * is journaled as every call the server places (pass {@link Pass#PLACED}), charged to nobody.
     *
     * @param callId     the placed call's Call-ID; with no call placed (missed, skipped, known busy)
     *                   {@code wakeup-<booking>-<due epoch second>-<attempt>}
     * @param subscriber the line woken, E.164 with '+'
     * @param bookingId  the booking's id (as the API shows it)
     * @param daily      a daily booking (else a once-booking)
     * @param due        the booked minute this attempt serves
     * @param attempt    which attempt for that minute, from 1; 0 when none was made (missed, skipped)
     * @param icid       the placed call's IMS charging identifier; null when no call was placed
     */
    record WakeUpCall(String callId, Instant at, String subscriber, long bookingId, boolean daily, Instant due,
                      int attempt, WakeUpOutcome outcome, String icid) implements JournalEvent {
        public WakeUpCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(subscriber, "subscriber");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Whether this entry is a delivered wake-up call: a chargeable event of the subscriber's. */
        public boolean chargeable() {
            return outcome == WakeUpOutcome.ANSWERED;
        }
    }

    /**
     * A step of a three-way call's conference on the server's focus (RFC 4579): created by the controller's call to
     * the conference factory URI, a party joined or left, the conference ended. The calls themselves are journaled
     * as the calls they are (each billed to its own caller, until its party leaves); the conference's use is the
     * {@code threeWayCall} fee of tariffs.yaml, charged to the controller on the {@link ConferenceStep#ENDED} entry
     * of a conference that brought all three together ({@link #chargeable()}).
     *
     * @param conferenceId the conference URI's user part
     * @param callId       the call of the step: the controller's call to the focus (created, ended), the party's
     *                     call (joined, left)
     * @param controller   who made the conference, E.164 with '+'
     * @param party        the party joined or left (as its call names it); the controller on created and ended
     * @param partiesJoined how many parties besides the controller joined it so far
     */
    record ConferenceEvent(String conferenceId, ConferenceStep step, String callId, Instant at, String controller,
                           String party, int partiesJoined) implements JournalEvent {
        public ConferenceEvent {
            Objects.requireNonNull(conferenceId, "conferenceId");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(controller, "controller");
            Objects.requireNonNull(party, "party");
        }

        /** A conference that ended after two parties had joined the controller: three-way calling was used. */
        public boolean chargeable() {
            return step == ConferenceStep.ENDED && partiesJoined >= 2;
        }
    }

    enum ConferenceStep { CREATED, PARTY_JOINED, PARTY_LEFT, ENDED }

    /** How a wake-up attempt ended (the {@code outcome} label of {@code fs_wakeup_calls_total}). */
    enum WakeUpOutcome {
        /** Answered and the announcement played: delivered. */
        ANSWERED,
        /** 486, 600, or a line the server knows is in a call. */
        BUSY,
        /** Rang for {@code wakeUp.ringSeconds} with no answer; cancelled. */
        NO_ANSWER,
        /** 408, 480, 5xx, any other failure, or no response. */
        UNREACHABLE,
        /** The booked minute passed while the server was down longer than {@code wakeUp.lateMinutes}. */
        MISSED,
        /** Not placed: the line is gone, suspended, or no longer subscribed to wake-up calls. */
        SKIPPED
    }

    /**
     * Which session case one pass of a call through the server served. The core may send a call through twice
     * (originating pass, then terminating pass with {@code P-Served-User;sescase=term}): only one of them charges
     * the caller, or the call would be billed twice.
     */
    enum Pass {
        /** The core stated the originating case: the caller's services ran here, and the caller pays here. */
        ORIGINATING,
        /**
         * The core stated the terminating case: only the callee's services ran here. The caller's leg is charged by
         * the originating pass; this pass charges only the legs it made itself (a forwarding, to the forwarding
         * subscriber).
         */
        TERMINATING,
        /**
         * The core stated no session case: the server decided whose services apply, and this one pass serves
         * both, so it charges the caller. Also every entry journaled before passes were (format 1).
         */
        BOTH,
        /**
         * The server placed the call itself (a technician's line test, a wake-up call): there is no caller's leg to
         * charge; a service the call delivers is charged as a feature event of its own.
         */
        PLACED;

        public boolean chargesTheCaller() {
            return this == ORIGINATING || this == BOTH;
        }
    }

    /** Who ended a call. */
    enum Party {
        CALLER,
        CALLEE,
        /** The server: a timeout, a refusal, shutdown. */
        SERVER;

        /** Who the B2BUA says ended the call. */
        public static Party of(CallEnd.Releaser releaser) {
            return switch (releaser) {
                case CALLER -> CALLER;
                case CALLEE -> CALLEE;
                case SERVER -> SERVER;
            };
        }
    }
}
