package kz.btcom.fs;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.SipMetrics;
import kz.btcom.fs.sip.SipServer;
import kz.btcom.fs.sip.SipSettings;
import kz.btcom.fs.sip.SipStartException;

import java.time.Duration;

/**
 * The running SIP side as {@link FeatureServer} drives it: the adapter's {@link SipServer} in production, a fake
 * in tests of start-up and shutdown (SipServer is final and binds real sockets).
 */
public interface SipSide extends AutoCloseable {

    int callsInProgress();

    /** The oldest wait of an event for its call lane now, ms. */
    long laneQueueingMillis();

    /** The oldest wait of a datagram in the SIP receive queue now, ms. */
    long receiveQueueingMillis();

    void stopAcceptingCalls();

    void releaseAllCalls(Duration grace);

    /** Places the server's own calls to the core (wake-up calls). */
    CallPlacer placer();

    /** Moves a party of a call through this server onto the server's media (three-way calling). */
    kz.btcom.fs.call.CallMover mover();

    @Override
    void close();

    /** Starts the SIP side. */
    @FunctionalInterface
    interface Launcher {
        SipSide start(SipSettings settings, CallHandler handler, SipMetrics metrics) throws SipStartException;
    }

    /** The adapter's JAIN-SIP B2BUA. */
    static Launcher jainSip() {
        return (settings, handler, metrics) -> {
            SipServer server = SipServer.start(settings, handler, metrics);
            return new SipSide() {
                @Override public int callsInProgress() { return server.callsInProgress(); }
                @Override public long laneQueueingMillis() { return server.laneQueueingMillis(); }
                @Override public long receiveQueueingMillis() { return server.receiveQueueingMillis(); }
                @Override public void stopAcceptingCalls() { server.stopAcceptingCalls(); }
                @Override public void releaseAllCalls(Duration grace) { server.releaseAllCalls(grace); }
                @Override public CallPlacer placer() { return server.placer(); }
                @Override public kz.btcom.fs.call.CallMover mover() { return server.mover(); }
                @Override public void close() { server.close(); }
            };
        };
    }
}
