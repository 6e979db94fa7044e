package kz.btcom.fs.sip;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.call.SipMessageTap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Request;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hands the SIP messages one server sends and receives to its {@link SipMessageTap}, while the tap is active.
 * The stack reports each message to its server logger ({@link Slf4jServerLogger}) only when its stack logger says
 * message tracing is on, and it asks that for every message: {@link #anyActive()} is what the stack logger answers
 * then, so that with no capture running a message costs one volatile read here and nothing more.
 *
 * <p>The stack makes its loggers by class name, so they find this object by the stack's name, like
 * {@link AdmissionValve} finds {@link Admission}. Called on the stack's threads: whatever the tap does, message
 * processing goes on.
 */
final class MessageCapture {

    private static final Logger LOG = LoggerFactory.getLogger(MessageCapture.class);

    /** Servers with a tap, copied on change: the stack logger reads it for every message, nobody writes it then. */
    private static volatile MessageCapture[] registered = new MessageCapture[0];

    private final String stackName;
    private final SipMessageTap tap;
    private final CallKeys callKeys;
    /** Stamps what the stack did not: raw datagrams, and messages it logged without a time. */
    private final Clock clock;

    MessageCapture(String stackName, SipMessageTap tap, CallKeys callKeys, Clock clock) {
        this.stackName = stackName;
        this.tap = tap;
        this.callKeys = callKeys;
        this.clock = clock;
    }

    /** Makes a server's capture known to its stack's loggers. A server without a tap is not registered. */
    static synchronized void register(MessageCapture capture) {
        if (capture.tap == SipMessageTap.NONE) {
            return;
        }
        MessageCapture[] now = registered;
        MessageCapture[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = capture;
        registered = next;
    }

    static synchronized void unregister(String stackName) {
        registered = Arrays.stream(registered).filter(c -> !c.stackName.equals(stackName))
                .toArray(MessageCapture[]::new);
    }

    /** The capture of the stack of that name; null when its server has no tap. */
    static MessageCapture of(String stackName) {
        for (MessageCapture capture : registered) {
            if (capture.stackName.equals(stackName)) {
                return capture;
            }
        }
        return null;
    }

    /** Whether any server's tap is capturing now. The stack logger is one for the whole JVM, so it asks all. */
    static boolean anyActive() {
        for (MessageCapture capture : registered) {
            if (capture.active()) {
                return true;
            }
        }
        return false;
    }

    boolean active() {
        try {
            return tap.active();
        } catch (RuntimeException e) {
            LOG.debug("the SIP message tap failed to say whether it is active: {}", e.toString());
            return false;
        }
    }

    /**
     * One message as the stack logged it.
     *
     * @param from      the sender as the stack wrote it, host:port
     * @param to        the receiver, host:port
     * @param sent      whether this server sent it
     * @param timeMillis when the stack sent or received it (its own wall clock), 0 when it did not say: then
     *                   the server's clock stamps it
     */
    void offer(SIPMessage message, String from, String to, boolean sent, long timeMillis) {
        if (!active()) {
            return;
        }
        try {
            tap.onMessage(captured(message, from, to, sent, timeMillis));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.debug("the SIP message tap failed on a message: {}", e.toString());
        }
    }

    /**
     * A datagram the stack never made a message of (a malformed request answered by {@link GuardedParser}), or our
     * raw answer to it: as it was, under its own Call-ID if it has one.
     */
    void offerRaw(byte[] bytes, String from, String to, boolean sent) {
        if (!active()) {
            return;
        }
        try {
            tap.onMessage(new CapturedSipMessage(clock.instant(), "udp", address(from), address(to),
                    callKeys.keyOf(BadRequest.callIdOf(bytes)), false, List.of(), bytes.clone()));
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.debug("the SIP message tap failed on a message: {}", e.toString());
        }
    }

    private CapturedSipMessage captured(SIPMessage message, String from, String to, boolean sent, long timeMillis) {
        Via via = message.getTopmostVia();
        String transport = via == null || via.getTransport() == null ? "UDP" : via.getTransport();
        InetSocketAddress source = !sent && message.getPeerPacketSourceAddress() != null
                ? new InetSocketAddress(message.getPeerPacketSourceAddress(), message.getPeerPacketSourcePort())
                : address(from); // a request's sent-by may name another port than the datagram came from
        String callId = message.getCallId() == null ? "" : message.getCallId().getCallId();
        boolean initialInvite = message instanceof SIPRequest request && Request.INVITE.equals(request.getMethod())
                && request.getToTag() == null;
        return new CapturedSipMessage(timeMillis > 0 ? Instant.ofEpochMilli(timeMillis) : clock.instant(),
                transport.toLowerCase(Locale.ROOT), source, address(to), callKeys.keyOf(callId), initialInvite,
                initialInvite ? parties((SIPRequest) message) : List.of(),
                // The stack's own encoding; with the Via's own transport it changes nothing in the message.
                message.encodeAsBytes(transport));
    }

    private static List<SipIdentity> parties(SIPRequest invite) {
        try {
            return InviteParties.of(invite);
        } catch (RuntimeException e) {
            LOG.debug("could not read the parties of a captured INVITE: {}", e.toString());
            return List.of();
        }
    }

    /** "host:port" as the stack writes it ("[::1]:5060" or "0:0:0:0:0:0:0:1:5060" for IPv6). Never a DNS lookup. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return InetSocketAddress.createUnresolved(hostPort == null ? "" : hostPort, 0);
        }
        String host = hostPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return InetSocketAddress.createUnresolved(hostPort, 0);
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: parsed, not looked up
            } catch (UnknownHostException e) {
                // not a literal after all
            }
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
