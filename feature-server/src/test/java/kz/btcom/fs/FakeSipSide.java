package kz.btcom.fs;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.SipMetrics;
import kz.btcom.fs.sip.SipSettings;
import kz.btcom.fs.sip.SipStartException;
import kz.btcom.fs.testing.StartedCalls;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The SIP side for start-up and shutdown tests: remembers what it was given and what was asked of it. */
final class FakeSipSide implements SipSide, SipSide.Launcher {

    final List<String> events = new CopyOnWriteArrayList<>();
    volatile int callsInProgress;
    volatile SipSettings settings;
    /** The handler the server gave, as a test drives it call by call. */
    volatile StartedCalls handler;
    volatile SipMetrics metrics;
    /** Runs when the server stops accepting calls, to look at the rest of the server at that moment. */
    volatile Runnable onStopAccepting = () -> { };

    @Override
    public SipSide start(SipSettings settings, CallHandler handler, SipMetrics metrics) throws SipStartException {
        this.settings = settings;
        this.handler = new StartedCalls(handler);
        this.metrics = metrics;
        events.add("start");
        return this;
    }

    static SipSide.Launcher failingWith(String message) {
        return (settings, handler, metrics) -> {
            throw new SipStartException(message, new java.net.BindException(message));
        };
    }

    @Override
    public int callsInProgress() {
        return callsInProgress;
    }

    /** Nothing queues in a fake. */
    @Override
    public long laneQueueingMillis() {
        return 0;
    }

    @Override
    public long receiveQueueingMillis() {
        return 0;
    }

    @Override
    public void stopAcceptingCalls() {
        onStopAccepting.run();
        events.add("stop accepting calls");
    }

    @Override
    public void releaseAllCalls(Duration grace) {
        events.add("release all calls within " + grace.toSeconds() + " s");
    }

    /** Places nothing: no start-up or shutdown test places a call, and one that did should hear of it. */
    @Override
    public CallPlacer placer() {
        return (call, events) -> {
            throw new IllegalStateException("the fake SIP side places no calls");
        };
    }

    /** This fake holds no calls, so it has none to move a party of. */
    @Override
    public kz.btcom.fs.call.CallMover mover() {
        return (named, namedParty, media, events) -> false;
    }

    @Override
    public void close() {
        events.add("close");
    }
}
