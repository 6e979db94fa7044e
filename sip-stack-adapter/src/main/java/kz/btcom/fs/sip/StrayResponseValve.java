package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.ServerResponseInterface;
import gov.nist.javax.sip.stack.StackMessageFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import javax.sip.message.Response;
import java.lang.reflect.Field;

/**
 * A response whose client transaction is gone (a 200 retransmitted after a stall, a late 487) makes JAIN-SIP
 * test it against every client transaction it holds — tens of thousands at 1,000 calls/s — although with an
 * RFC 3261 branch only the lookup by branch can ever match. Under a stall that turns into a feedback loop:
 * retransmissions cost O(n) each exactly when there is no time to spare. This valve looks the transaction up by
 * branch and, when there is none, hands the response straight to the stack's no-transaction path (the dialog
 * layer re-sends the ACK of a retransmitted 2xx; the listener sees the rest), skipping the scan. RFC 2543
 * responses (no magic cookie) still take the stack's own path.
 */
public final class StrayResponseValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(StrayResponseValve.class);
    private static final String MAGIC_COOKIE = "z9hg4bk";

    private volatile SIPTransactionStack stack;
    private volatile StackMessageFactory noTransactionPath;

    public StrayResponseValve() {
    }

    @Override
    public void init(SipStack sipStack) {
        try {
            Field factory = SIPTransactionStack.class.getDeclaredField("sipMessageFactory");
            factory.setAccessible(true);
            stack = (SIPTransactionStack) sipStack;
            noTransactionPath = (StackMessageFactory) factory.get(sipStack);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("stray responses take the stack's own (slower) path: {}", e.toString());
        }
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        StackMessageFactory path = noTransactionPath;
        if (path == null || !(response instanceof SIPResponse sipResponse)) {
            return true;
        }
        String key = sipResponse.getTransactionId();
        if (key == null || !key.startsWith(MAGIC_COOKIE) || stack.findTransaction(key, false) != null) {
            return true;
        }
        // The stack's path for a response that no transaction claims, without the scan that precedes it there.
        ServerResponseInterface stray = path.newSIPServerResponse(sipResponse, channel);
        if (stray != null) {
            stray.processResponse(sipResponse, channel);
        }
        return false;
    }

    @Override
    public void destroy() {
    }
}
