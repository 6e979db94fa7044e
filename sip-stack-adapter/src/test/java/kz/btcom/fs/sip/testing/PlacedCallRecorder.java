package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whoever placed a call, as a test plays it: every event in order ("placed", "provisional 180", "answered", "failed 486",
 * "ended"), the thread each came on, and the call's end.
 */
public final class PlacedCallRecorder implements PlacedCallEvents {

    private final List<String> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private final List<CallEnd> ends = new ArrayList<>();

    @Override
    public void onPlaced(PlacedCall call) {
        record("placed");
    }

    @Override
    public void onProvisional(int status, PlacedCall call) {
        record("provisional " + status);
    }

    @Override
    public void onAnswered(PlacedCall call) {
        record("answered");
    }

    @Override
    public void onFailed(int status, PlacedCall call) {
        record("failed " + status);
    }

    @Override
    public void onEnded(CallEnd end) {
        synchronized (this) {
            ends.add(end);
        }
        record("ended");
    }

    private synchronized void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    /** Waits (bounded) for the end, and returns it: there must be exactly one. */
    public synchronized CallEnd awaitEnd() {
        awaitEvent("ended");
        if (ends.size() != 1) {
            throw new AssertionFailedError("one end per call", 1, ends.size());
        }
        return ends.get(0);
    }

    /** Waits (bounded) until {@code event} came. */
    public synchronized void awaitEvent(String event) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (!events.contains(event)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("the placer never heard '" + event + "'; heard " + events);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted");
            }
        }
    }
}
