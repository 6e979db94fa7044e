package kz.btcom.fs.call;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One SIP message as the server sent or received it, for a signalling trace.
 *
 * @param time         when it was sent or received
 * @param transport    "udp" or "tcp"
 * @param source       the sender's address and port
 * @param destination  the receiver's address and port
 * @param callKey      the Call-ID the services know the call by ({@link CallSetup#callId()}, the incoming leg's)
 *                     when the message belongs to a call of this server, on either leg; else its own Call-ID
 * @param initialInvite whether it is an INVITE that starts a dialog (no To tag), on either leg
 * @param parties      for an initial INVITE, the identities it names (Request-URI, From, To, P-Asserted-Identity,
 *                     P-Served-User), so that a trace can pick out a number's new calls; empty otherwise
 * @param bytes        the message as on the wire
 */
public record CapturedSipMessage(Instant time, String transport, InetSocketAddress source,
                                 InetSocketAddress destination, String callKey, boolean initialInvite,
                                 List<SipIdentity> parties, byte[] bytes) {

    public CapturedSipMessage {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(callKey, "callKey");
        parties = List.copyOf(parties);
        Objects.requireNonNull(bytes, "bytes");
    }
}
