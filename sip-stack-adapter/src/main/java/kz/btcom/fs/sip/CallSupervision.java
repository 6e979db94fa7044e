package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The watches that end a call nobody ends: the caller's ACK of our 200 (RFC 3261 13.3.1.4), and once both legs are
 * up, the parties' dialogs ({@link DialogKeepAlive}) and the session interval ({@link SessionRefreshWatch}). Every
 * timer runs on the server's call timers and comes back through the call's lane.
 */
final class CallSupervision {

    private static final Logger LOG = LoggerFactory.getLogger(CallSupervision.class);

    private final B2buaCall call;
    private final CallContext ctx;
    /** Made when the call is confirmed; null before, and for calls that never are. */
    private DialogKeepAlive keepAlive;
    private SessionRefreshWatch sessionWatch;
    /** The caller acknowledged our 200 (relayed or our own). */
    private boolean callerAcked;
    /** Runs out when the caller has not acknowledged our 200 in time; null before the 200 and once it is done. */
    private ScheduledFuture<?> ackWatch;

    CallSupervision(B2buaCall call, CallContext ctx) {
        this.call = call;
        this.ctx = ctx;
    }

    /**
     * RFC 3261 13.3.1.4: a 2xx not acknowledged within 64 x T1 (Timer H's span) means the caller is gone. The stack's
     * dialog timeout says so too, but not always (an ACK for another response of the same transaction confirms the
     * dialog for it; a dialog the stack dropped never times out), and a call waiting for it stayed in progress for
     * good, its lines busy: so the call keeps its own watch, and ends in the books when it runs out.
     */
    void watchForAck() {
        if (ackWatch == null && !callerAcked) {
            ackWatch = ctx.onLaneAfter(call.lane, ctx.onward().timeout(), this::ackOverdue);
        }
    }

    /** The caller's ACK came: a call held for hours keeps no timer for an ACK long come. */
    void callerAcked() {
        callerAcked = true;
        stopAckWatch();
    }

    private void stopAckWatch() {
        if (ackWatch != null) {
            ackWatch.cancel(false);
            ackWatch = null;
        }
    }

    private void ackOverdue() {
        ackWatch = null;
        if (call.isOver() || callerAcked) {
            return;
        }
        switch (call.state()) {
            case ANSWERED -> {
                LOG.info("call {}: no ACK from the caller {} s after the 200; both legs are released and the call ends",
                        call.callId, ctx.onward().timeout().toSeconds());
                call.callRelease().releaseUnacknowledged();
            }
            case LOCAL -> {
                LOG.info("call {}: no ACK from the caller for the server's answer; the call ends", call.callId);
                call.finish(CallOutcome.FAILED);
            }
            case RELEASING -> call.callRelease().ackNeverCame();
            default -> { }
        }
    }

    /**
     * Both legs are up: from now on the B2BUA checks now and then that both parties still know the call, and that
     * the session is refreshed in time when the callee's answer set a session interval.
     */
    void confirmed(Response answer) {
        keepAlive = new DialogKeepAlive(call, ctx, ctx.keepAliveInterval(), ctx.keepAliveTimeout(), this::partyGone);
        keepAlive.start();
        sessionWatch = new SessionRefreshWatch(ctx, call.lane, this::sessionExpired);
        sessionWatch.start(answer);
    }

    /** A session refresh (re-INVITE or UPDATE) was answered 2xx: the session interval starts again. */
    void sessionRefreshed(Response ok) {
        if (sessionWatch != null) {
            sessionWatch.refreshed(ok);
        }
    }

    void onKeepAliveResponse(PendingRequest pending, int status) {
        if (keepAlive != null) {
            keepAlive.onResponse(pending, status);
        }
    }

    void onKeepAliveTimeout(PendingRequest pending) {
        if (keepAlive != null) {
            keepAlive.onTimeout(pending);
        }
    }

    /**
     * A party no longer answers in its dialog (its BYE was lost, or it died): the call is released as the server's
     * doing, and ends as answered at the moment the server noticed, which is what billing charges up to.
     */
    private void partyGone(Side side, String why) {
        if (!call.isUp() || !call.liveSides().contains(side)) {
            return; // a late answer on the leg a move released is no news
        }
        LOG.info("call {}: the {} is gone ({}); releasing the call", call.callId, side.name().toLowerCase(), why);
        call.callRelease().releaseAsServer();
    }

    /** RFC 4028: the session interval passed with no refresh; the endpoints consider the session over. */
    private void sessionExpired(Duration interval) {
        if (!call.isConfirmed()) {
            return;
        }
        LOG.info("call {}: no session refresh within its {} s session interval; releasing the call", call.callId,
                interval.toSeconds());
        call.callRelease().releaseAsServer();
    }

    /** The call is over: no watch may outlive it. */
    void stop() {
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (sessionWatch != null) {
            sessionWatch.stop();
        }
        stopAckWatch();
    }
}
