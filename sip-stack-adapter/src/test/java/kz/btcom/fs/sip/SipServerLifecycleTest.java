package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;

/** Starting and stopping servers in one JVM, as a restart and the tests do. */
class SipServerLifecycleTest {

    /** SipFactory used to hand the second server the first one's (stopped) stack, whose valve refused with 503. */
    @Test
    void aServerStartedAfterAnotherWasClosedGotTheOldStackAndRefusedEveryCall() {
        RunningB2bua first = RunningB2bua.overUdp();
        first.completeCall(first.caller);
        first.close();

        try (RunningB2bua second = RunningB2bua.overUdp()) {
            second.completeCall(second.caller);
            second.awaitNoCallsInProgress();
            second.metrics.awaitOutcomes(ANSWERED);
        }
    }

    @Test
    void twoServersRunningSideBySideEachServeTheirOwnCalls() {
        try (RunningB2bua one = RunningB2bua.overUdp(); RunningB2bua two = RunningB2bua.overUdp()) {
            one.completeCall(one.caller);
            two.completeCall(two.caller);
            one.metrics.awaitOutcomes(ANSWERED);
            two.metrics.awaitOutcomes(ANSWERED);
        }
    }
}
