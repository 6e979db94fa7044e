package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;

/**
 * The trust boundary: only the core's addresses ({@link TrustedPeers}) may speak SIP to the server. A request from
 * anywhere else is refused here, before the stack looks for a transaction or makes one, so it reaches no service,
 * makes no dialog and is believed in nothing it says (P-Asserted-Identity, P-Served-User, the number it dials).
 * It gets 403 or, with {@link UntrustedPolicy#DROP}, nothing; a response from such an address is dropped too.
 * The source is where the packet came from (the datagram's or the connection's), never what the Via claims.
 */
public final class TrustValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(TrustValve.class);

    private volatile PeerGuard guard;

    public TrustValve() {
    }

    @Override
    public void init(SipStack stack) {
        guard = PeerGuard.of(stack.getStackName());
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        PeerGuard current = guard;
        java.net.InetAddress source = channel.getPeerPacketSourceAddress();
        if (current == null || current.trusts(source)) {
            return true;
        }
        if (current.boundary.untrustedPolicy() == UntrustedPolicy.REJECT && !Request.ACK.equals(request.getMethod())) {
            try {
                SIPResponse forbidden = request.createResponse(Response.FORBIDDEN);
                if (forbidden.getToTag() == null) {
                    forbidden.getTo().setTag(Tags.newTag());
                }
                channel.sendMessage(forbidden);
            } catch (IOException | java.text.ParseException | RuntimeException e) {
                LOG.debug("could not send 403 to {}: {}", channel.getPeerAddress(), e.toString());
            }
        }
        current.refused(source, request.getMethod(), channel.getTransport());
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        PeerGuard current = guard;
        return current == null || current.admitsResponse(channel.getPeerPacketSourceAddress());
    }

    @Override
    public void destroy() {
    }
}
