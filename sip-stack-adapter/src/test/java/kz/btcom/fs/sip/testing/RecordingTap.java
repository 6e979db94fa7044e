package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipMessageTap;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link SipMessageTap} as a test uses it: switched on and off at will, keeping what it was given, in order. */
public final class RecordingTap implements SipMessageTap {

    private volatile boolean active;
    private volatile RuntimeException failure;
    private final List<CapturedSipMessage> captured = new ArrayList<>();

    public RecordingTap(boolean active) {
        this.active = active;
    }

    public void activate(boolean active) {
        this.active = active;
    }

    /** From now on every message makes the tap throw this (after keeping the message). */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public boolean active() {
        return active;
    }

    @Override
    public void onMessage(CapturedSipMessage message) {
        synchronized (captured) {
            captured.add(message);
            captured.notifyAll();
        }
        RuntimeException fail = failure;
        if (fail != null) {
            throw fail;
        }
    }

    public List<CapturedSipMessage> captured() {
        synchronized (captured) {
            return List.copyOf(captured);
        }
    }

    /**
     * Waits (bounded) until a captured message matches: the stack hands a message it sent to the tap just after it
     * left, so a peer may hold it before the tap does.
     */
    public CapturedSipMessage await(Predicate<CapturedSipMessage> matches, String what) {
        awaitUntil(all -> all.stream().anyMatch(matches), what);
        return captured().stream().filter(matches).findFirst().orElseThrow();
    }

    /** Waits (bounded) until what was captured so far satisfies {@code done}. */
    public void awaitUntil(Predicate<List<CapturedSipMessage>> done, String what) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        synchronized (captured) {
            while (!done.test(List.copyOf(captured))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionFailedError("the tap never got " + what + "; it got " + captured.size()
                            + " messages");
                }
                try {
                    captured.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionFailedError("interrupted while waiting for " + what);
                }
            }
        }
    }
}
