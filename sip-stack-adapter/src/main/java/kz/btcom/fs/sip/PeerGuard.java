package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One server's {@link SipBoundary} at run time, where the stack's plug-ins ({@link TrustValve}, the TCP server
 * socket) find it: they are made by class name and know only the stack's name.
 */
final class PeerGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PeerGuard.class);
    private static final Map<String, PeerGuard> BY_STACK = new ConcurrentHashMap<>();

    final SipBoundary boundary;
    private final UntrustedLog log;
    private volatile Runnable onUntrusted = () -> { };

    PeerGuard(SipBoundary boundary, Clock clock) {
        this.boundary = boundary;
        this.log = new UntrustedLog(clock);
    }

    static void register(String stackName, PeerGuard guard) {
        BY_STACK.put(stackName, guard);
    }

    static void unregister(String stackName) {
        BY_STACK.remove(stackName);
    }

    /** Null for a stack not started by {@link SipServer} (none is). */
    static PeerGuard of(String stackName) {
        return BY_STACK.get(stackName);
    }

    void onUntrusted(Runnable listener) {
        this.onUntrusted = listener;
    }

    /** Whether requests from {@code source} are believed. */
    boolean trusts(InetAddress source) {
        return boundary.trustedPeers().trusts(source);
    }

    /**
     * A request from {@code source}, not a trusted peer, was refused or dropped: counted, and logged once a minute
     * per address. Called after any 403 went out, so whoever sees the count sees the answer already sent.
     */
    void refused(InetAddress source, String method, String transport) {
        onUntrusted.run();
        if (log.shouldLog(source)) {
            LOG.warn("{} over {} from {}, not a trusted peer ({}): {}; further requests from there are not logged"
                            + " for a minute", method, transport, source == null ? "?" : source.getHostAddress(),
                    boundary.trustedPeers(), boundary.untrustedPolicy() == UntrustedPolicy.DROP
                            ? "dropped" : "refused");
        }
    }

    /**
     * Whether a malformed request from {@code source} may be answered (400, 501): from a trusted peer yes; from
     * anyone else only when strangers are answered at all, and it counts as their request.
     */
    boolean answersMalformed(String source, String transport) {
        InetAddress address = literal(source);
        if (trusts(address)) {
            return true;
        }
        refused(address, "a malformed request", transport);
        return boundary.untrustedPolicy() == UntrustedPolicy.REJECT;
    }

    private static InetAddress literal(String address) {
        try {
            return address == null || address.isEmpty() ? null : InetAddress.getByName(address); // a literal
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    boolean admitsResponse(InetAddress source) {
        return trusts(source);
    }
}
