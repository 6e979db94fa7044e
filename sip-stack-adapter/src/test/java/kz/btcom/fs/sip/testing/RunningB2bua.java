package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.SipMessageTap;
import kz.btcom.fs.sip.SipServer;
import kz.btcom.fs.sip.SipSettings;
import kz.btcom.fs.sip.SipStartException;
import org.opentest4j.AssertionFailedError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link SipServer} on free loopback ports with the two peers a call needs: the caller, sending to the server,
 * and the core, which the server is configured to send every onward request to. The services are a
 * {@link ScriptedHandler}, the metrics a {@link RecordingMetrics}.
 */
public final class RunningB2bua implements AutoCloseable {

    /** The number a caller dials in these tests: an Almaty subscriber as the core sends it. */
    public static final String CALLEE_URI = "sip:+77272777888@fs.btcom.kz;user=phone";
    public static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    public final SipServer server;
    public final SipPeer caller;
    public final SipPeer core;
    public final ScriptedHandler handler;
    public final RecordingMetrics metrics;
    public final int port;
    /** The server's call timers when on fake time; null when on real time. */
    public final FakeCallTimers timers;
    private final List<SipPeer> extraPeers = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    private RunningB2bua(SipServer server, int port, SipPeer caller, SipPeer core, ScriptedHandler handler,
                         RecordingMetrics metrics, FakeCallTimers timers) {
        this.server = server;
        this.timers = timers;
        this.port = port;
        this.caller = caller;
        this.core = core;
        this.handler = handler;
        this.metrics = metrics;
    }

    /** Caller and core over UDP. */
    public static RunningB2bua overUdp() {
        return start("udp", 20_000);
    }

    /** Caller and core over TCP (the core leg follows the incoming transport). */
    public static RunningB2bua overTcp() {
        return start("tcp", 20_000);
    }

    public static RunningB2bua withMaxCalls(int maxCalls) {
        return start("udp", maxCalls);
    }

    /** Over UDP, with onward INVITEs that give up on a silent core after {@code timeout} (Timer B). */
    public static RunningB2bua withOnwardInviteTimeout(Duration timeout) {
        return start("udp", 20_000, settings -> settings.withOnwardInviteTimeout(timeout));
    }

    /** Over UDP, with keep-alive OPTIONS every {@code interval}, each to be answered within {@code timeout}. */
    public static RunningB2bua withKeepAlive(Duration interval, Duration timeout) {
        return start("udp", 20_000, settings -> settings.withKeepAlive(interval, timeout));
    }

    /**
     * Over UDP, with keep-alive as {@link #withKeepAlive}, and the server's call timers on fake time ({@link
     * #timers}): nothing the server times happens until the test moves time on.
     */
    public static RunningB2bua withKeepAliveOnFakeTime(Duration interval, Duration timeout) {
        return start("udp", 20_000, settings -> settings.withKeepAlive(interval, timeout), new FakeCallTimers());
    }

    /**
     * Over UDP, the server's call timers on fake time ({@link #timers}), keep-alive off: the timers of the call are
     * those the test is about.
     */
    public static RunningB2bua onFakeTime() {
        return start("udp", 20_000, settings -> settings.withKeepAlive(Duration.ZERO, Duration.ofSeconds(10)),
                new FakeCallTimers());
    }

    /** Caller and core over UDP or TCP, every message the server sends or receives copied to {@code tap}. */
    public static RunningB2bua withMessageTap(String transport, SipMessageTap tap) {
        return start(transport, 20_000, settings -> settings.withMessageTap(tap));
    }

    /** Caller and core over UDP or TCP, with settings changed by {@code configured} (the trust boundary, limits). */
    public static RunningB2bua with(String transport, UnaryOperator<SipSettings> configured) {
        return start(transport, 20_000, configured);
    }

    private static RunningB2bua start(String transport, int maxCalls) {
        return start(transport, maxCalls, settings -> settings);
    }

    private static RunningB2bua start(String transport, int maxCalls, UnaryOperator<SipSettings> configured) {
        return start(transport, maxCalls, configured, null);
    }

    /** @param fakeTimers the server's call timers on fake time; null: on real time */
    private static RunningB2bua start(String transport, int maxCalls, UnaryOperator<SipSettings> configured,
                                      FakeCallTimers fakeTimers) {
        boolean tcp = transport.equals("tcp");
        SipPeer core = tcp ? SipPeer.tcp("core") : SipPeer.udp("core");
        ScriptedHandler handler = new ScriptedHandler();
        RecordingMetrics metrics = new RecordingMetrics();
        SipStartException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = FreePorts.forUdpAndTcp();
            SipSettings settings = new SipSettings(SipPeer.HOST, port, Set.of("udp", "tcp"), SipPeer.HOST,
                    core.port(), tcp ? "auto" : "udp", 2, 2, maxCalls, Duration.ofSeconds(7), 8192,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            settings = configured.apply(settings);
            try {
                SipServer server = fakeTimers == null ? SipServer.start(settings, handler, metrics)
                        : SipServer.start(settings, handler, metrics, fakeTimers);
                core.sendingTo(port);
                SipPeer caller = (tcp ? SipPeer.tcp("caller") : SipPeer.udp("caller")).sendingTo(port);
                return new RunningB2bua(server, port, caller, core, handler, metrics, fakeTimers);
            } catch (SipStartException e) {
                failure = e; // the port was taken between looking and binding: try another
            }
        }
        core.close();
        throw new IllegalStateException(failure);
    }

    /** Another UDP peer sending to the server, closed with it. */
    public SipPeer newUdpPeer(String name) {
        SipPeer peer = SipPeer.udp(name).sendingTo(port);
        synchronized (extraPeers) {
            extraPeers.add(peer);
        }
        return peer;
    }

    /** Waits (bounded) until the server has no call in progress. */
    public void awaitNoCallsInProgress() {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (server.callsInProgress() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (server.callsInProgress() > 0) {
            throw new AssertionFailedError("calls in progress after the flow", 0, server.callsInProgress());
        }
    }

    /** The usual set-up: INVITE with an offer, 180, 200 with the answer, ACK on both legs. */
    public AnsweredCall answeredCall() {
        return answeredCall(caller);
    }

    public AnsweredCall answeredCall(SipPeer from) {
        // Marked, so that the core takes this call's INVITE and not a stray one a test wants to catch.
        String marker = "call " + calls.incrementAndGet();
        SipMessage invite = from.invite(CALLEE_URI).header("Subject", marker).sdp(Sdp.OFFER).send();
        SipMessage onward = core.expect(m -> m.isRequest() && m.method().equals("INVITE")
                && marker.equals(m.header("Subject")), "the INVITE of " + marker);
        core.reply(onward, 180);
        from.expectResponse(180);
        core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = from.expectResponse(200, "INVITE");
        PeerDialog callerLeg = from.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        core.expectRequest("ACK");
        return new AnsweredCall(invite, onward, callerLeg, core.dialogAsCallee(onward));
    }

    /** A whole call that the caller hangs up: proves the server still serves calls. */
    public void completeCall(SipPeer from) {
        AnsweredCall call = answeredCall(from);
        call.callerLeg().request("BYE").send();
        core.reply(core.expectRequest("BYE"), 200);
        from.expectResponse(200, "BYE");
    }

    /** An answered call: what each side sent and its dialog. */
    public record AnsweredCall(SipMessage invite, SipMessage onwardInvite, PeerDialog callerLeg, PeerDialog calleeLeg) {
    }

    @Override
    public void close() {
        caller.close();
        core.close();
        synchronized (extraPeers) {
            extraPeers.forEach(SipPeer::close);
        }
        // The stack's stop sleeps a second; no test waits for it (each server has ports of its own).
        java.util.concurrent.CompletableFuture.runAsync(server::close);
    }
}
