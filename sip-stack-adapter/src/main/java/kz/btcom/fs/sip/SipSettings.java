package kz.btcom.fs.sip;

import kz.btcom.fs.call.SipMessageTap;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the SIP side is set up. Validated by the feature server's configuration before it gets here.
 *
 * @param listenHost      address to listen on (UDP and TCP)
 * @param listenPort      port to listen on
 * @param transports      "udp", "tcp"
 * @param coreHost        where every outgoing request goes (the core)
 * @param corePort        the core's port
 * @param coreTransport   transport towards the core: "udp", "tcp", or "auto" (the one the call came in on)
 * @param stackThreads    JAIN-SIP's message-processing thread pool
 * @param callLanes       executors that run calls' events, one call always on the same lane
 * @param maxCalls        calls in progress above which new INVITEs get 503
 * @param retryAfter      the Retry-After given with a 503
 * @param maxMessageSize  largest SIP message accepted, in bytes
 * @param clock           the injected clock
 * @param onwardInviteTimeout how long an onward INVITE waits for any response from the core before the callee counts
 *                        as not reachable (RFC 3261 Timer B, 64 x T1: T1, the retransmission interval, scales with
 *                        it); 32 s by default
 * @param keepAliveInterval how often a confirmed call's parties get an OPTIONS of the B2BUA's own in their dialog,
 *                        so that a call whose BYE was lost is released ({@link Duration#ZERO}: never); 120 s by default
 * @param keepAliveTimeout how long each such OPTIONS waits for its final answer before the party counts as gone;
 *                        shorter than the interval; 10 s by default
 * @param messageTap      where a copy of every SIP message sent or received goes while it is active (signalling
 *                        traces); {@link SipMessageTap#NONE} by default
 * @param homeDomain      the operator's home domain, the host of the number URIs the B2BUA writes itself (a
 *                        forwarding target, History-Info, Diversion, an identity it asserts); the core's host by
 *                        default
 * @param boundary        the trusted peers (by default the core's host), what a request from anyone else gets, and
 *                        the SIP/TCP limits
 */
public record SipSettings(String listenHost, int listenPort, Set<String> transports,
                          String coreHost, int corePort, String coreTransport,
                          int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                          int maxMessageSize, Clock clock, Duration onwardInviteTimeout,
                          Duration keepAliveInterval, Duration keepAliveTimeout, SipMessageTap messageTap,
                          String homeDomain, SipBoundary boundary) {

    /** RFC 3261's Timer B with its default T1 of 500 ms. */
    public static final Duration DEFAULT_INVITE_TIMEOUT = Duration.ofSeconds(32);
    /*
     * A call whose BYE was lost is charged, and keeps its subscriber busy, until the next probe fails: at most
     * interval + timeout past its real end, so about two minutes. A probe round costs each call two OPTIONS
     * transactions (four datagrams, against some fourteen for setting a call up and releasing it on both legs), and
     * only calls longer than the interval pay it: with holding times of 1.5-3 minutes that is 0.4-1 round per call.
     * A shorter interval charges every call for a rare loss; a longer one bills the lost ones longer.
     */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(120);
    /*
     * Over UDP the OPTIONS goes out five times in 10 s (T1 = 500 ms doubling to T2 = 4 s), so only a party that is
     * gone, not a lost datagram or a far end's pause of a few seconds, misses it; and well before Timer F's 32 s.
     */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);

    public SipSettings {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(coreHost, "coreHost");
        transports = Set.copyOf(transports);
        Objects.requireNonNull(coreTransport, "coreTransport");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(onwardInviteTimeout, "onwardInviteTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(messageTap, "messageTap");
        Objects.requireNonNull(homeDomain, "homeDomain");
        if (boundary == null) {
            boundary = SipBoundary.coreOnly(coreHost);
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        if (onwardInviteTimeout.toMillis() < 64) {
            throw new IllegalArgumentException("the onward INVITE timeout is 64 x T1, at least 64 ms, not "
                    + onwardInviteTimeout);
        }
        if (keepAliveInterval.isNegative() || keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("the keep-alive interval is zero (off) or more, its timeout more than"
                    + " zero, not " + keepAliveInterval + " and " + keepAliveTimeout);
        }
        if (!keepAliveInterval.isZero() && keepAliveTimeout.compareTo(keepAliveInterval) >= 0) {
            throw new IllegalArgumentException("the keep-alive timeout " + keepAliveTimeout + " must be shorter than"
                    + " its interval " + keepAliveInterval + ": one probe is decided before the next");
        }
    }

    /** With the default boundary: only the core's host trusted, strangers refused with 403, the default TCP limits. */
    public SipSettings(String listenHost, int listenPort, Set<String> transports,
                       String coreHost, int corePort, String coreTransport,
                       int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                       int maxMessageSize, Clock clock, Duration onwardInviteTimeout,
                       Duration keepAliveInterval, Duration keepAliveTimeout, SipMessageTap messageTap,
                       String homeDomain) {
        this(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads, callLanes,
                maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, keepAliveInterval, keepAliveTimeout,
                messageTap, homeDomain, null);
    }

    /** With the standard keep-alive (every 120 s, 10 s to answer) and no message tap. */
    public SipSettings(String listenHost, int listenPort, Set<String> transports,
                       String coreHost, int corePort, String coreTransport,
                       int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                       int maxMessageSize, Clock clock, Duration onwardInviteTimeout) {
        this(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads, callLanes,
                maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, DEFAULT_KEEP_ALIVE_INTERVAL,
                DEFAULT_KEEP_ALIVE_TIMEOUT, SipMessageTap.NONE, coreHost);
    }

    /** With the standard onward INVITE timeout (32 s) and keep-alive, and no message tap. */
    public SipSettings(String listenHost, int listenPort, Set<String> transports,
                       String coreHost, int corePort, String coreTransport,
                       int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                       int maxMessageSize, Clock clock) {
        this(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads, callLanes,
                maxCalls, retryAfter, maxMessageSize, clock, DEFAULT_INVITE_TIMEOUT);
    }

    public SipSettings withOnwardInviteTimeout(Duration timeout) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, timeout, keepAliveInterval, keepAliveTimeout,
                messageTap, homeDomain, boundary);
    }

    /** Keep-alive every {@code interval} ({@link Duration#ZERO}: off), each probe answered within {@code timeout}. */
    public SipSettings withKeepAlive(Duration interval, Duration timeout) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, interval, timeout,
                messageTap, homeDomain, boundary);
    }

    /** Copies of the messages go to {@code tap} while it is active. */
    public SipSettings withMessageTap(SipMessageTap tap) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, keepAliveInterval,
                keepAliveTimeout, tap, homeDomain, boundary);
    }

    /** The URIs the B2BUA writes name {@code domain} (a name, or an IPv4 or IPv6 address without brackets). */
    public SipSettings withHomeDomain(String domain) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, keepAliveInterval,
                keepAliveTimeout, messageTap, domain, boundary);
    }

    /** Who may send the server SIP, what the others get, and the SIP/TCP limits. */
    public SipSettings withBoundary(SipBoundary peers) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, onwardInviteTimeout, keepAliveInterval,
                keepAliveTimeout, messageTap, homeDomain, peers);
    }

    /** Loopback defaults of PRODUCT.md: listen on 127.0.0.1:5060, the core at 127.0.0.1:5070. */
    public static SipSettings defaults() {
        return new SipSettings("127.0.0.1", 5060, Set.of("udp", "tcp"), "127.0.0.1", 5070, "auto",
                2, 2, 20_000, Duration.ofSeconds(5), 8192, Clock.systemUTC());
    }
}
