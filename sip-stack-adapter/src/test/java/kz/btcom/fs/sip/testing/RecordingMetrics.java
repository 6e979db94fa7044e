package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.SipMetrics;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The server's metrics as a test sees them: every call outcome in order, and the counters. */
public final class RecordingMetrics implements SipMetrics {

    private final List<CallOutcome> outcomes = new ArrayList<>();
    private final List<CallOutcome> terminatingPasses = new ArrayList<>();
    private final AtomicInteger invitesHandled = new AtomicInteger();
    private final AtomicInteger overloadRejected = new AtomicInteger();
    private final AtomicInteger untrusted = new AtomicInteger();

    @Override
    public void inviteHandled(long nanos) {
        invitesHandled.incrementAndGet();
    }

    @Override
    public void callEnded(CallOutcome outcome) {
        synchronized (outcomes) {
            outcomes.add(outcome);
            outcomes.notifyAll();
        }
    }

    @Override
    public void terminatingPassEnded(CallOutcome outcome) {
        synchronized (terminatingPasses) {
            terminatingPasses.add(outcome);
        }
    }

    /** How each terminating pass ended, in order: passes the call's own outcome does not count twice. */
    public List<CallOutcome> terminatingPasses() {
        synchronized (terminatingPasses) {
            return List.copyOf(terminatingPasses);
        }
    }

    @Override
    public void overloadRejected() {
        overloadRejected.incrementAndGet();
    }

    public List<CallOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    @Override
    public void untrustedRequest() {
        untrusted.incrementAndGet();
    }

    /** Requests refused or dropped because their source is not a trusted peer. */
    public int untrustedRequests() {
        return untrusted.get();
    }

    /** Waits (bounded) until at least {@code count} untrusted requests have been counted. */
    public void awaitUntrustedRequests(int count) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (untrusted.get() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (untrusted.get() < count) {
            throw new AssertionFailedError("untrusted requests counted", count, untrusted.get());
        }
    }

    public int overloadRejections() {
        return overloadRejected.get();
    }

    public int invitesHandled() {
        return invitesHandled.get();
    }

    /** Waits (bounded) until exactly these outcomes have been recorded, in this order. */
    public void awaitOutcomes(CallOutcome... expected) {
        List<CallOutcome> wanted = List.of(expected);
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        synchronized (outcomes) {
            while (outcomes.size() < wanted.size() && System.nanoTime() < deadline) {
                try {
                    outcomes.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (!outcomes.equals(wanted)) {
                throw new AssertionFailedError("call outcomes", wanted, List.copyOf(outcomes));
            }
        }
    }
}
