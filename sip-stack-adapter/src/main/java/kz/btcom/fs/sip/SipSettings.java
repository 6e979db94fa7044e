package kz.btcom.fs.sip;

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
 */
public record SipSettings(String listenHost, int listenPort, Set<String> transports,
                          String coreHost, int corePort, String coreTransport,
                          int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                          int maxMessageSize, Clock clock, Duration onwardInviteTimeout) {

    /** RFC 3261's Timer B with its default T1 of 500 ms. */
    public static final Duration DEFAULT_INVITE_TIMEOUT = Duration.ofSeconds(32);

    public SipSettings {
        Objects.requireNonNull(listenHost, "listenHost");
        Objects.requireNonNull(coreHost, "coreHost");
        transports = Set.copyOf(transports);
        Objects.requireNonNull(coreTransport, "coreTransport");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(onwardInviteTimeout, "onwardInviteTimeout");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("at least one transport is needed");
        }
        if (onwardInviteTimeout.toMillis() < 64) {
            throw new IllegalArgumentException("the onward INVITE timeout is 64 x T1, at least 64 ms, not "
                    + onwardInviteTimeout);
        }
    }

    /** With the standard onward INVITE timeout (32 s). */
    public SipSettings(String listenHost, int listenPort, Set<String> transports,
                       String coreHost, int corePort, String coreTransport,
                       int stackThreads, int callLanes, int maxCalls, Duration retryAfter,
                       int maxMessageSize, Clock clock) {
        this(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads, callLanes,
                maxCalls, retryAfter, maxMessageSize, clock, DEFAULT_INVITE_TIMEOUT);
    }

    public SipSettings withOnwardInviteTimeout(Duration timeout) {
        return new SipSettings(listenHost, listenPort, transports, coreHost, corePort, coreTransport, stackThreads,
                callLanes, maxCalls, retryAfter, maxMessageSize, clock, timeout);
    }

    /** Loopback defaults of PRODUCT.md: listen on 127.0.0.1:5060, the core at 127.0.0.1:5070. */
    public static SipSettings defaults() {
        return new SipSettings("127.0.0.1", 5060, Set.of("udp", "tcp"), "127.0.0.1", 5070, "auto",
                2, 2, 20_000, Duration.ofSeconds(5), 8192, Clock.systemUTC());
    }
}
