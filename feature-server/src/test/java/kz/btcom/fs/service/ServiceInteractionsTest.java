package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.testing.FakeCallControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withPrivacyId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services of issue 4 on live calls, through the shipped order (ServiceOrder), one behaviour per test and then
 * every pair that interacts (PRODUCT.md "Service behaviour"). Lines: A, B, C in Almaty, D in Astana; X is a
 * caller of ours; OTHER is a number served elsewhere.
 */
class ServiceInteractionsTest {

    static final String A = "+77272777101";
    static final String B = "+77272777102";
    static final String C = "+77272777103";
    static final String D = "+77172555104";
    static final String X = "+77272777199";
    static final String OTHER = "+77272999000";
    static final String GERMANY = "+493012345678";
    static final String MOSCOW_MOBILE = "+79161234567";

    final ServedCalls calls = new ServedCalls();

    @AfterEach
    void close() {
        calls.close();
    }

    private static CallDecision.Reject declined() {
        return new CallDecision.Reject(603, "Decline");
    }

    @Nested
    class OutgoingBarringAndSuspension {

        @Test
        void level1DeclinesInternationalCallsIncludingRussiaWith603() {
            calls.provision(line(X).barringLevel(1));

            assertEquals(declined(), calls.call(call(X, GERMANY)));
            assertEquals(declined(), calls.call(call(X, MOSCOW_MOBILE)));
            assertEquals(Optional.empty(), calls.relayed(call(X, "+77172555111")).targetNumber());
        }

        @Test
        void level2AlsoDeclinesNationalAndMobileCallsButNotLocalOnes() {
            calls.provision(line(X).barringLevel(2));

            assertEquals(declined(), calls.call(call(X, "+77172555111")));
            assertEquals(declined(), calls.call(call(X, "+77011234567")));
            calls.relayed(call(X, OTHER));
        }

        @ParameterizedTest
        @ValueSource(strings = {"112", "101", "+77272777888", "2777000"})
        void emergencyAndOperatorServiceNumbersPassEvenLevel4(String called) {
            calls.provision(line(X).barringLevel(4));

            calls.relayed(call(X, called));
        }

        @Test
        void aSuspendedLineMayCallOnlyEmergencyAndOperatorService() {
            calls.provision(line(X).suspended());

            assertEquals(declined(), calls.call(call(X, OTHER)));
            assertEquals(declined(), calls.call(call(X, GERMANY)));
            calls.relayed(call(X, "112"));
            calls.relayed(call(X, "+77272777888"));
        }

        @Test
        void reactivatingASuspendedLineTakesEffectOnTheNextCall() {
            calls.provision(line(X).suspended());
            assertEquals(declined(), calls.call(call(X, OTHER)));

            calls.provision(line(X));

            calls.relayed(call(X, OTHER));
        }

        @Test
        void aNumberThatCannotBeClassifiedIsBarredFromLevel1() {
            calls.provision(line(X).barringLevel(1));

            assertEquals(declined(), calls.call(call(X, "00493012345678")));
        }
    }

    @Nested
    class Presentation_ {

        @Test
        void aCalleeWithClipIsShownTheCallersNumber() {
            calls.provision(line(A));

            assertEquals(Presentation.identified(X), calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aCalleeWithoutClipIsShownNothing() {
            calls.provision(line(A).withoutClip());

            assertEquals(Presentation.ANONYMOUS, calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aClirCallerIsNotShownToACalleeWithClip() {
            calls.provision(line(X).withClir(), line(A));

            assertEquals(Presentation.ANONYMOUS, calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aCallerAskingForPrivacyIsNotShown() {
            calls.provision(line(A));

            assertEquals(Presentation.ANONYMOUS, calls.relayed(withPrivacyId(OTHER, A)).presentation());
        }

        @Test
        void aClirCallersNumberStaysInTheNetworkForACalleeElsewhere() {
            calls.provision(line(X).withClir());

            assertEquals(Presentation.WITHHELD_IN_NETWORK, calls.relayed(call(X, OTHER)).presentation());
        }

        @Test
        void anEmergencyCallAlwaysCarriesTheNumber() {
            calls.provision(line(X).withClir());

            assertEquals(Presentation.AS_RECEIVED, calls.relayed(call(X, "112")).presentation());
        }
    }

    @Nested
    class Forwarding {

        @Test
        void unconditionalForwardingSendsTheCallOnBeforeTheCalleeIsAlerted() {
            calls.provision(line(A).forwardsUnconditionallyTo(B));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.of(B), leg.targetNumber());
            assertEquals(List.of(new Diversion(A, B, DiversionReason.UNCONDITIONAL)), leg.diversions());
        }

        @Test
        void aCallForwardedOnwardsByTheTargetIsForwardedAgain() {
            calls.provision(line(A).forwardsUnconditionallyTo(B), line(B).forwardsUnconditionallyTo(C));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.of(C), leg.targetNumber());
            assertEquals(List.of(new Diversion(A, B, DiversionReason.UNCONDITIONAL),
                    new Diversion(B, C, DiversionReason.UNCONDITIONAL)), leg.diversions());
        }

        @Test
        void aLoopEndsAtTheLastTargetNotTriedBefore() {
            calls.provision(line(A).forwardsUnconditionallyTo(B), line(B).forwardsUnconditionallyTo(A));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.of(B), leg.targetNumber());
            assertEquals(1, leg.diversions().size());
        }

        @Test
        void atMostFiveDiversions() {
            String[] chain = {"+77272777201", "+77272777202", "+77272777203", "+77272777204", "+77272777205",
                    "+77272777206", "+77272777207", "+77272777208"};
            for (int i = 0; i + 1 < chain.length; i++) {
                calls.provision(line(chain[i]).forwardsUnconditionallyTo(chain[i + 1]));
            }

            OnwardLeg leg = calls.relayed(call(X, chain[0]));

            assertEquals(5, leg.diversions().size());
            assertEquals(Optional.of(chain[5]), leg.targetNumber());
        }

        @Test
        void aTargetTheForwardingLinesOwnBarringForbidsIsNotCalled() {
            calls.provision(line(A).barringLevel(1).forwardsUnconditionallyTo(GERMANY));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.empty(), leg.targetNumber(), "offered to A itself");
            assertTrue(leg.diversions().isEmpty());
        }

        @Test
        void aSuspendedLineDoesNotForward() {
            calls.provision(line(A).suspended().forwardsUnconditionallyTo(B));

            assertEquals(Optional.empty(), calls.relayed(call(X, A)).targetNumber());
        }

        @Test
        void onBusyTheCalleesOwn486SendsTheCallToTheBusyTarget() {
            calls.provision(line(A).forwardsOnBusyTo(B));
            OnwardLeg leg = calls.relayed(call(X, A));

            Optional<OnwardLeg> next = leg.events().onCalleeFailed(486, control());

            assertEquals(Optional.of(B), next.orElseThrow().targetNumber());
            assertEquals(List.of(new Diversion(A, B, DiversionReason.BUSY)), next.get().diversions());
        }

        @Test
        void a486WithoutForwardingOnBusyReachesTheCaller() {
            calls.provision(line(A).forwardsWhenNotReachableTo(B));

            assertEquals(Optional.empty(), calls.relayed(call(X, A)).events().onCalleeFailed(486, control()));
        }

        @Test
        void onNoReplyTheTimerStartsAtRingingAndRedirectsWhenItRunsOut() {
            calls.provision(line(A).forwardsOnNoReplyTo(B, 20));
            OnwardLeg leg = calls.relayed(call(X, A));
            FakeCallControl control = control();

            leg.events().onRinging(control);
            calls.services.scheduler.advance(Duration.ofSeconds(19));
            assertEquals(List.of(), control.redirects);
            calls.services.scheduler.advance(Duration.ofSeconds(1));

            assertEquals(1, control.redirects.size());
            assertEquals(Optional.of(B), control.redirects.get(0).targetNumber());
            assertEquals(DiversionReason.NO_REPLY, control.redirects.get(0).diversions().get(0).reason());
        }

        @Test
        void theNoReplyTimerStopsWhenTheCalleeAnswers() {
            calls.provision(line(A).forwardsOnNoReplyTo(B, 20));
            OnwardLeg leg = calls.relayed(call(X, A));
            FakeCallControl control = control();

            leg.events().onRinging(control);
            calls.services.scheduler.advance(Duration.ofSeconds(10));
            leg.events().onAnswered(control);
            calls.services.scheduler.advance(Duration.ofSeconds(60));

            assertEquals(List.of(), control.redirects);
            assertEquals(0, calls.services.scheduler.pendingTasks());
        }

        @Test
        void withoutRingingThereIsNoNoReplyTimerEvenWithEarlyMedia() {
            calls.provision(line(A).forwardsOnNoReplyTo(B, 5));
            calls.relayed(call(X, A));

            calls.services.scheduler.advance(Duration.ofSeconds(60));

            assertEquals(0, calls.services.scheduler.pendingTasks());
        }

        @Test
        void aCallIsNeverForwardedTwiceFromTheSameLeg() {
            calls.provision(line(A).forwardsOnNoReplyTo(B, 5).forwardsOnBusyTo(C));
            OnwardLeg leg = calls.relayed(call(X, A));
            FakeCallControl control = control();

            leg.events().onRinging(control);
            calls.services.scheduler.advance(Duration.ofSeconds(5));

            assertEquals(1, control.redirects.size());
            assertEquals(Optional.empty(), leg.events().onCalleeFailed(486, control),
                    "the cancelled leg's late 486 does not forward again");
        }

        @ParameterizedTest
        @ValueSource(ints = {408, 480, 500, 503})
        void whenNotReachableTheFailureBeforeRingingSendsTheCallOn(int status) {
            calls.provision(line(A).forwardsWhenNotReachableTo(B));

            Optional<OnwardLeg> next = calls.relayed(call(X, A)).events().onCalleeFailed(status, control());

            assertEquals(DiversionReason.NOT_REACHABLE, next.orElseThrow().diversions().get(0).reason());
        }

        @Test
        void a480AfterRingingIsNoReplyWhenThatIsSet() {
            calls.provision(line(A).forwardsOnNoReplyTo(B, 20).forwardsWhenNotReachableTo(C));
            OnwardLeg leg = calls.relayed(call(X, A));
            FakeCallControl control = control();
            leg.events().onRinging(control);

            Optional<OnwardLeg> next = leg.events().onCalleeFailed(480, control);

            assertEquals(Optional.of(B), next.orElseThrow().targetNumber());
        }

        @Test
        void aConditionallyForwardedCallIsForwardedAgainByItsTarget() {
            calls.provision(line(A).forwardsOnBusyTo(B), line(B).forwardsUnconditionallyTo(D));

            OnwardLeg next = calls.relayed(call(X, A)).events().onCalleeFailed(486, control()).orElseThrow();

            assertEquals(Optional.of(D), next.targetNumber());
            assertEquals(2, next.diversions().size());
        }
    }

    @Nested
    class Interactions {

        @Test
        void barringComesBeforeTheCalleesForwarding() {
            calls.provision(line(X).barringLevel(2), line(D).forwardsUnconditionallyTo(A));

            assertEquals(declined(), calls.call(call(X, D)));
        }

        @Test
        void aFeatureCodeIsNoCallForBarring() {
            calls.provision(line(X).barringLevel(4));

            assertInstanceOf(CallDecision.Answer.class, calls.call(call(X, "*43%23")));
        }

        @Test
        void aForwardedCallShowsTheOriginalCallerAsTheTargetsClipAllows() {
            calls.provision(line(A).withoutClip().forwardsUnconditionallyTo(B), line(B));

            assertEquals(Presentation.identified(X), calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aForwardedCallToATargetWithoutClipShowsNothing() {
            calls.provision(line(A).forwardsUnconditionallyTo(B), line(B).withoutClip());

            assertEquals(Presentation.ANONYMOUS, calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aClirCallerForwardedElsewhereIsNotShownThereEither() {
            calls.provision(line(X).withClir(), line(A).forwardsUnconditionallyTo(OTHER));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.of(OTHER), leg.targetNumber());
            assertEquals(Presentation.ANONYMOUS, leg.presentation());
        }

        @Test
        void aCallForwardedToANumberServedElsewhereShowsTheCaller() {
            calls.provision(line(A).forwardsUnconditionallyTo(OTHER));

            assertEquals(Presentation.identified(X), calls.relayed(call(X, A)).presentation());
        }

        @Test
        void aSuspendedLineStillReceivesForwardedCalls() {
            calls.provision(line(A).forwardsUnconditionallyTo(B), line(B).suspended());

            assertEquals(Optional.of(B), calls.relayed(call(X, A)).targetNumber());
        }

        @Test
        void unconditionalForwardingLeavesNoWatcherOnTheFirstCallee() {
            calls.provision(line(A).forwardsUnconditionallyTo(B).forwardsOnBusyTo(C));

            OnwardLeg leg = calls.relayed(call(X, A));

            assertEquals(Optional.empty(), leg.events().onCalleeFailed(486, control()),
                    "B's busy is B's business, not A's forwarding on busy");
        }
    }

    private FakeCallControl control() {
        return new FakeCallControl(calls.services.scheduler);
    }
}
