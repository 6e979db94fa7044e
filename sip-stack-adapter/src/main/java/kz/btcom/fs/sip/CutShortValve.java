package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Drops a request whose TCP connection was closed while it was being read: its body never came whole within the
 * message timeout (a Content-Length beyond what follows). The stack closes such a connection and then hands on
 * the request anyway, its body padded with zeros to the announced length, and a call was set up on it (its answers
 * sent over a new connection to the Via). A request still being handed on when its sender closed the connection
 * goes too: its answer had nowhere to go on that connection either.
 */
public final class CutShortValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(CutShortValve.class);

    public CutShortValve() {
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (channel instanceof ConnectionOrientedMessageChannel stream && StreamRefusal.isClosed(stream)) {
            LOG.debug("{} from {} dropped: its connection closed before it arrived whole", request.getMethod(),
                    channel.getPeerAddress());
            return false;
        }
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return !(channel instanceof ConnectionOrientedMessageChannel stream && StreamRefusal.isClosed(stream));
    }

    @Override
    public void destroy() {
    }
}
