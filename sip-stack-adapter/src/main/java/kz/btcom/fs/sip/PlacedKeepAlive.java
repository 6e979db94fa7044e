package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * {@link DialogKeepAlive} for a placed call, which has one dialog, not two: every keep-alive interval an OPTIONS of
 * the server's own in the dialog; a callee that answers 481 or 408, whose transaction times out, or that gives no
 * final answer within the timeout, is gone, and the call is released. Runs on the call's lane; timers come back
 * through it. At most one OPTIONS waits at a time (the timeout is shorter than the interval).
 */
final class PlacedKeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedKeepAlive.class);

    private final PlacedCallLeg call;
    private final CallContext ctx;
    private final Duration interval;
    private final Duration timeout;
    private final Consumer<String> gone;
    /** The OPTIONS waiting for its final answer; null when none. */
    private PlacedRequest waiting;
    private ClientTransaction waitingTx;
    /** Counts probes: an expiry that waited in the lane's queue while its round was decided is stale. */
    private int round;
    private boolean stopped;
    private ScheduledFuture<?> nextProbe;
    private ScheduledFuture<?> deadline;

    PlacedKeepAlive(PlacedCallLeg call, CallContext ctx, Consumer<String> gone) {
        this.call = call;
        this.ctx = ctx;
        this.interval = ctx.keepAliveInterval();
        this.timeout = ctx.keepAliveTimeout();
        this.gone = gone;
    }

    /** The call is confirmed: the first probe goes one interval from now; nothing when keep-alive is off. */
    void start() {
        if (interval.isZero() || stopped) {
            return;
        }
        scheduleProbe(round);
    }

    private void scheduleProbe(int expected) {
        nextProbe = ctx.onLaneAfter(call.lane, interval, () -> {
            if (round == expected && !stopped) {
                probe();
            }
        });
    }

    private void probe() {
        if (!call.isConfirmed()) {
            stop();
            return;
        }
        int thisRound = ++round;
        try {
            Request options = call.dialog.createRequest(Request.OPTIONS);
            ClientTransaction tx = ctx.provider().getNewClientTransaction(options);
            PlacedRequest pending = new PlacedRequest(call, PlacedRequest.Kind.KEEPALIVE);
            tx.setApplicationData(pending);
            waiting = pending;
            waitingTx = tx;
            call.dialog.sendRequest(tx);
        } catch (Exception e) {
            goneBecause("the OPTIONS could not be sent: " + e.getMessage());
            return;
        }
        deadline = ctx.onLaneAfter(call.lane, timeout, () -> {
            if (round == thisRound && !stopped && waiting != null) {
                goneBecause("no answer to OPTIONS within " + timeout.toMillis() + " ms");
            }
        });
        scheduleProbe(thisRound);
    }

    void onResponse(PlacedRequest pending, int status) {
        if (status < 200 || stopped || pending != waiting) {
            return;
        }
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            goneBecause("it answered OPTIONS with " + status);
            return;
        }
        waiting = null;
        waitingTx = null;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    void onTimeout(PlacedRequest pending) {
        if (!stopped && pending == waiting) {
            goneBecause("its OPTIONS transaction timed out");
        }
    }

    private void goneBecause(String why) {
        stop();
        gone.accept(why);
    }

    void stop() {
        stopped = true;
        round++;
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (waitingTx != null) {
            try {
                waitingTx.terminate();
            } catch (Exception e) {
                LOG.debug("call {}: could not end an OPTIONS transaction: {}", call.callId(), e.toString());
            }
        }
        waiting = null;
        waitingTx = null;
    }
}
