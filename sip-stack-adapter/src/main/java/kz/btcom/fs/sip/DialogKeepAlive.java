package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Keeps a confirmed call honest when a BYE may be lost: every interval the B2BUA sends an OPTIONS of its own in
 * each leg's dialog. A party that answers 481 (it knows no such dialog) or 408, whose transaction times out, or that
 * gives no final answer within the timeout, is gone, and the call must be released: otherwise it would keep its
 * subscriber busy and its registry slot forever, and billing would charge it until the server restarts. Any other
 * answer (200, 405, 501, another 4xx) comes from a party that still knows the dialog.
 *
 * <p>Runs on the call's lane, like the call; timers expire on the timer thread and come back through the lane.
 * A probe is decided before the next one goes (the timeout is shorter than the interval), so at most one OPTIONS
 * per leg is ever waiting.
 */
final class DialogKeepAlive {

    private static final Logger LOG = LoggerFactory.getLogger(DialogKeepAlive.class);

    /** What the call does when a party is gone. */
    interface PartyGone {
        void gone(Side side, String why);
    }

    /** One OPTIONS waiting for its final answer. */
    private record Probe(PendingRequest pending, ClientTransaction transaction) {
    }

    private final B2buaCall call;
    private final CallContext ctx;
    private final Duration interval;
    private final Duration timeout;
    private final PartyGone partyGone;
    private final Map<Side, Probe> waiting = new EnumMap<>(Side.class);
    /** Counts probes: an expiry that waited in the lane's queue while its round was decided is stale. */
    private int round;
    private boolean stopped;
    private ScheduledFuture<?> nextProbe;
    private ScheduledFuture<?> deadline;

    DialogKeepAlive(B2buaCall call, CallContext ctx, Duration interval, Duration timeout, PartyGone partyGone) {
        this.call = call;
        this.ctx = ctx;
        this.interval = interval;
        this.timeout = timeout;
        this.partyGone = partyGone;
    }

    /** The call is confirmed: the first probe goes one interval from now. Nothing at all when keep-alive is off. */
    void start() {
        if (interval.isZero() || stopped) {
            return;
        }
        int expected = round;
        nextProbe = ctx.onLaneAfter(call.lane, interval, () -> {
            if (round == expected) {
                probe();
            }
        });
    }

    private void probe() {
        if (stopped || !call.isUp()) {
            stop(); // released meanwhile: nothing to keep alive
            return;
        }
        int thisRound = ++round;
        for (Side side : call.liveSides()) {
            try {
                waiting.put(side, send(side));
            } catch (Exception e) {
                gone(side, "the OPTIONS could not be sent: " + e.getMessage());
                return;
            }
        }
        deadline = ctx.onLaneAfter(call.lane, timeout, () -> {
            if (round == thisRound && !stopped && !waiting.isEmpty()) {
                gone(waiting.keySet().iterator().next(), "no answer to OPTIONS within " + timeout.toMillis() + " ms");
            }
        });
        nextProbe = ctx.onLaneAfter(call.lane, interval, () -> {
            if (round == thisRound && !stopped) {
                probe();
            }
        });
    }

    private Probe send(Side side) throws Exception {
        Dialog dialog = call.dialogOf(side);
        Request options = dialog.createRequest(Request.OPTIONS);
        ClientTransaction transaction = ctx.provider().getNewClientTransaction(options);
        PendingRequest pending = side == Side.CALLER
                ? PendingRequest.toCaller(call, PendingRequest.Kind.KEEPALIVE, null)
                : PendingRequest.toCallee(call.currentCallee(), PendingRequest.Kind.KEEPALIVE, null);
        transaction.setApplicationData(pending);
        dialog.sendRequest(transaction);
        return new Probe(pending, transaction);
    }

    /** A response to one of our OPTIONS. */
    void onResponse(PendingRequest pending, int status) {
        Side side = pending.towards();
        if (status < 200 || !isWaitingFor(pending)) {
            return;
        }
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            gone(side, "it answered OPTIONS with " + status);
            return;
        }
        waiting.remove(side);
        AckedDialogs.releaseAgain(call.dialogOf(side));
        if (waiting.isEmpty() && deadline != null) {
            deadline.cancel(false);
        }
    }

    /** One of our OPTIONS timed out in the stack (Timer F), should the timeout be configured longer than that. */
    void onTimeout(PendingRequest pending) {
        if (isWaitingFor(pending)) {
            gone(pending.towards(), "its OPTIONS transaction timed out");
        }
    }

    private boolean isWaitingFor(PendingRequest pending) {
        Probe probe = waiting.get(pending.towards());
        return !stopped && probe != null && probe.pending() == pending;
    }

    private void gone(Side side, String why) {
        stop();
        partyGone.gone(side, why);
    }

    /** No more probes; the OPTIONS still waiting stop retransmitting towards a party that is not there. */
    void stop() {
        stopped = true;
        round++;
        if (nextProbe != null) {
            nextProbe.cancel(false);
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        for (Probe probe : waiting.values()) {
            try {
                probe.transaction().terminate();
            } catch (Exception e) {
                LOG.debug("call {}: could not end an OPTIONS transaction: {}", call.callId, e.toString());
            }
        }
        waiting.clear();
    }
}
