package kz.btcom.fs.sip;

import kz.btcom.fs.call.ReferProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

/**
 * The implicit subscription a REFER the server took creates (RFC 3515 2.4.4): NOTIFYs in the REFER's dialog, each
 * with the referral's status as a {@code message/sipfrag}, until a final status ends it. Reports come from any
 * thread; the NOTIFYs go from the call's lane.
 */
final class ReferSubscription implements ReferProgress {

    private static final Logger LOG = LoggerFactory.getLogger(ReferSubscription.class);
    /** How long the subscription says it lasts while the referral is under way (RFC 3515 2.4.4 leaves it to us). */
    private static final int EXPIRES_SECONDS = 60;

    private final B2buaCall call;
    private final CallContext ctx;
    /** Lane only: a final status went, the subscription is over. */
    private boolean terminated;

    ReferSubscription(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    @Override
    public void report(int status, String reason) {
        ctx.lanes().execute(call.lane, () -> notifyStatus(status, reason));
    }

    private void notifyStatus(int status, String reason) {
        if (terminated || call.isOver()) {
            return;
        }
        boolean last = status >= 200;
        terminated = last;
        try {
            Dialog dialog = call.callerDialog();
            Request notify = dialog.createRequest(Request.NOTIFY);
            notify.setHeader(ctx.sip().headers.createEventHeader("refer"));
            SubscriptionStateHeader state = ctx.sip().headers.createSubscriptionStateHeader(
                    last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (last) {
                state.setReasonCode(SubscriptionStateHeader.NO_RESOURCE);
            } else {
                state.setExpires(EXPIRES_SECONDS);
            }
            notify.setHeader(state);
            notify.setHeader(call.caller.contact());
            ContentTypeHeader sipfrag = ctx.sip().headers.createContentTypeHeader("message", "sipfrag");
            sipfrag.setParameter("version", "2.0");
            notify.setContent("SIP/2.0 " + status + " " + reason + "\r\n", sipfrag);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(notify);
            tx.setApplicationData(PendingRequest.toCaller(call, PendingRequest.Kind.NOTIFY, null));
            dialog.sendRequest(tx);
        } catch (Exception e) {
            LOG.info("call {}: could not NOTIFY the referral's {}: {}", call.callId, status, e.toString());
        }
    }
}
