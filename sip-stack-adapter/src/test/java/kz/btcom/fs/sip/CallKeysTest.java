package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A trace knows every leg of a call by the call's key (its incoming Call-ID) while the call lasts and for 32 s after
 * it ended (late retransmissions, the 200 to the last BYE); then the legs are forgotten, so the table never grows
 * beyond the calls of the last half minute. On a clock of the test's own.
 */
class CallKeysTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final CallKeys keys = CallKeys.keeping(nanos::get);

    @Test
    void anOnwardLegIsKnownByTheCallsKeyAndAnyOtherCallIdIsItsOwn() {
        keys.legStarted("onward-1", "incoming");

        assertEquals("incoming", keys.keyOf("onward-1"));
        assertEquals("incoming", keys.keyOf("incoming"));
        assertEquals("stranger", keys.keyOf("stranger"));
    }

    @Test
    void theLegsOfAnEndedCallAreForgottenOnlyOnceTheLingerIsOver() {
        keys.legStarted("left-behind", "incoming");
        keys.legStarted("answered", "incoming");
        keys.callEnded(List.of("left-behind", "answered"));

        nanos.addAndGet(CallKeys.LINGER.toNanos() - 1);
        keys.forgetExpired();
        assertEquals("incoming", keys.keyOf("answered"), "a late retransmission is still the call's");

        nanos.addAndGet(1);
        keys.forgetExpired();
        assertEquals("answered", keys.keyOf("answered"));
        assertEquals("left-behind", keys.keyOf("left-behind"));
        assertEquals(0, keys.size());
    }

    @Test
    void callsStillInProgressAreKeptWhileEndedOnesGo() {
        keys.legStarted("a-leg", "a");
        keys.callEnded(List.of("a-leg"));
        nanos.addAndGet(CallKeys.LINGER.toNanos() / 2);
        keys.legStarted("b-leg", "b");
        keys.callEnded(List.of("b-leg"));
        keys.legStarted("c-leg", "c");

        nanos.addAndGet(CallKeys.LINGER.toNanos() / 2);
        keys.forgetExpired();

        assertEquals("a-leg", keys.keyOf("a-leg"));
        assertEquals("b", keys.keyOf("b-leg"));
        assertEquals("c", keys.keyOf("c-leg"));
        assertEquals(2, keys.size());
    }

    @Test
    void withoutATapNothingIsKept() {
        CallKeys.NONE.legStarted("onward", "incoming");

        assertEquals("onward", CallKeys.NONE.keyOf("onward"));
        assertEquals(0, CallKeys.NONE.size());
    }
}
