package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallStart;
import kz.btcom.fs.call.SipMetrics;
import kz.btcom.fs.sip.testing.RunningB2bua;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** With UDP bound and the TCP port taken, the half-made stack threw from its stop and hid the reason. */
    @Test
    void aTakenTcpPortFailedTheStartWithANullPointerInsteadOfSayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            SipSettings settings = new SipSettings("127.0.0.1", port, Set.of("udp", "tcp"), "127.0.0.1", 5070,
                    "udp", 1, 1, 10, Duration.ofSeconds(5), 8192, Clock.systemUTC());
            SipStartException e = assertThrows(SipStartException.class,
                    () -> SipServer.start(settings, setup -> CallStart.of(CallDecision.relay()), SipMetrics.NONE));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        }
    }
}
