package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import java.util.concurrent.ScheduledFuture;

/**
 * The INVITE of a placed call until its final response, and RFC 3261 9.1's rules for giving up on it, as an onward
 * leg keeps them ({@link CalleeLeg}): CANCEL only once the callee's side sent a provisional response, else as soon as
 * it does; no response at all within 64 x T1, or no final one that long after the CANCEL, and the INVITE is given up.
 * That wait runs on the injected scheduler: the stack's Timer B runs on its own clock, which no test can move, and
 * once an INVITE had a provisional response the stack has no timer for it at all. On the call's lane.
 */
final class PlacedInviteTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedInviteTransaction.class);

    private final CallContext ctx;
    private final PlacedCallLeg call;
    /** What the call does when the wait for a final response runs out. */
    private final Runnable waitedTooLong;
    private ClientTransaction tx;
    /** Any provisional response, 100 included: from now on a CANCEL may go. */
    private boolean responded;
    /** A final response came (the transaction acknowledges a 3xx-6xx), or the INVITE was given up. */
    private boolean over;
    private boolean cancelWhenItSpeaks;
    private boolean cancelSent;
    private ScheduledFuture<?> wait;
    /** Counts waits: an expiry that waited in the lane's queue while its wait was stopped is stale. */
    private int waits;

    PlacedInviteTransaction(CallContext ctx, PlacedCallLeg call, Runnable waitedTooLong) {
        this.ctx = ctx;
        this.call = call;
        this.waitedTooLong = waitedTooLong;
    }

    /** Sends the INVITE; the dialog it starts. */
    Dialog send(Request invite) throws Exception {
        tx = ctx.provider().getNewClientTransaction(invite);
        if (ctx.onward().retransmitMillis() > 0) {
            tx.setRetransmitTimer(ctx.onward().retransmitMillis());
        }
        tx.setApplicationData(new PlacedRequest(call, PlacedRequest.Kind.INVITE));
        Dialog dialog = tx.getDialog();
        dialog.setApplicationData(call);
        waitForResponse();
        tx.sendRequest();
        return dialog;
    }

    /** It could not even go: nothing to cancel. */
    void notSent() {
        over = true;
        stopWaiting();
    }

    /** A provisional response. True when it only served to let the waiting CANCEL go. */
    boolean provisional() {
        if (!responded) {
            responded = true;
            stopWaiting(); // RFC 3261 17.1.1.2: once it proceeds, an INVITE waits for its final response
        }
        if (cancelWhenItSpeaks) {
            cancelWhenItSpeaks = false;
            sendCancel();
            return true;
        }
        return false;
    }

    /** A final response: 2xx or 3xx-6xx. */
    void finalResponse() {
        responded = true;
        over = true;
        stopWaiting();
    }

    /** CANCEL now if the callee's side said anything, else as soon as it does. */
    void cancel() {
        if (over || cancelSent) {
            return;
        }
        if (responded) {
            sendCancel();
        } else {
            cancelWhenItSpeaks = true;
        }
    }

    /**
     * The wait ran out (ours, or the stack's Timer B): the INVITE is given up and stops retransmitting. False when a
     * final response came first, and there was nothing to give up.
     */
    boolean giveUp() {
        wait = null;
        if (over) {
            return false;
        }
        over = true;
        try {
            tx.terminate();
        } catch (Exception e) {
            LOG.debug("call {}: could not end the INVITE transaction: {}", call.callId(), e.toString());
        }
        return true;
    }

    void stopWaiting() {
        waits++;
        if (wait != null) {
            wait.cancel(false);
            wait = null;
        }
    }

    private void sendCancel() {
        cancelSent = true;
        try {
            Request cancel = tx.createCancel();
            ClientTransaction cancelTx = ctx.provider().getNewClientTransaction(cancel);
            cancelTx.setApplicationData(new PlacedRequest(call, PlacedRequest.Kind.CANCEL));
            cancelTx.sendRequest();
        } catch (Exception e) {
            LOG.info("call {}: could not cancel: {}", call.callId(), e.toString());
        }
        waitForResponse(); // a callee silent after our CANCEL would otherwise hold the call for ever
    }

    private void waitForResponse() {
        int expected = ++waits;
        wait = ctx.onLaneAfter(call.lane, ctx.onward().timeout(), () -> {
            if (waits == expected) {
                waitedTooLong.run();
            }
        });
    }
}
