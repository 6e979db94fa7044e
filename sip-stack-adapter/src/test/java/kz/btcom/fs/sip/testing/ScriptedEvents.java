package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;
import org.opentest4j.AssertionFailedError;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A service's watcher of one onward leg, as a test plays it: records every event the B2BUA gives it (and the
 * thread it came on), and does what the test scripted: redirect on a failure, start a timer on ringing...
 */
public final class ScriptedEvents implements CalleeEvents {

    private final String name;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<CallControl> controls = new CopyOnWriteArrayList<>();
    private volatile Consumer<CallControl> onTried = call -> { };
    private volatile Consumer<CallControl> onRinging = call -> { };
    private volatile BiFunction<Integer, CallControl, Optional<OnwardLeg>> onFailed = (status, call) -> Optional.empty();
    private volatile CallControl control;

    public ScriptedEvents(String name) {
        this.name = name;
    }

    public ScriptedEvents whenTried(Consumer<CallControl> action) {
        this.onTried = action;
        return this;
    }

    public ScriptedEvents whenRinging(Consumer<CallControl> action) {
        this.onRinging = action;
        return this;
    }

    public ScriptedEvents whenFailed(BiFunction<Integer, CallControl, Optional<OnwardLeg>> next) {
        this.onFailed = next;
        return this;
    }

    /** On any failure, the call goes on to {@code next}. */
    public ScriptedEvents redirectOnFailure(OnwardLeg next) {
        return whenFailed((status, call) -> Optional.of(next));
    }

    @Override
    public void onCalleeTried(CallControl call) {
        record("tried", call);
        onTried.accept(call);
    }

    @Override
    public void onRinging(CallControl call) {
        record("ringing", call);
        onRinging.accept(call);
    }

    @Override
    public void onAnswered(CallControl call) {
        record("answered", call);
    }

    @Override
    public Optional<OnwardLeg> onCalleeFailed(int status, CallControl call) {
        record("failed " + status, call);
        return onFailed.apply(status, call);
    }

    @Override
    public void onEnded() {
        record("ended", control);
    }

    /** What a timer task of the test does, recorded like an event. */
    public void note(String what) {
        events.add(what);
    }

    private void record(String event, CallControl call) {
        control = call;
        controls.add(call);
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    /** The control each event came with, in the order of {@link #events}. */
    public List<CallControl> controls() {
        return List.copyOf(controls);
    }

    /** Every event came on one of the server's call lanes. */
    public List<String> threads() {
        return List.copyOf(threads);
    }

    /** Waits (bounded) until this event has been recorded. */
    public void awaitEvent(String event) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (!events.contains(event)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError(name + " never got '" + event + "'; got " + events);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted");
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
