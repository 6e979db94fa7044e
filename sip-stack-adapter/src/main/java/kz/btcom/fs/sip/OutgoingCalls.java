package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Request;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.RejectedExecutionException;

/**
 * Places the server's own calls: each gets a lane by its Call-ID, as an incoming call does, counts among the calls in
 * progress from the moment it is placed, and is released with the others at shutdown. Once the server stops taking
 * calls it stops placing them too: a call placed then fails at once (503), on its lane, like any other end.
 */
final class OutgoingCalls implements CallPlacer {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingCalls.class);

    private final CallContext ctx;
    private final PlacedInvite invites;
    private final BooleanSupplier room;
    private volatile boolean placing = true;

    /** @param room whether the server has room for a call of its own now (the admission's view of the load) */
    OutgoingCalls(CallContext ctx, PlacedInvite invites, BooleanSupplier room) {
        this.ctx = ctx;
        this.invites = invites;
        this.room = room;
    }

    @Override
    public boolean hasRoom() {
        return placing && room.getAsBoolean();
    }

    @Override
    public PlacedCall place(OutgoingCall call, PlacedCallEvents events) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(events, "events");
        String icid = ChargingVector.newIcid();
        Request invite = invites.build(call, icid);
        PlacedCallLeg leg = new PlacedCallLeg(ctx, invite, icid, call, events);
        boolean refused = !placing;
        if (!refused) {
            ctx.registry().addPlaced(leg.callId(), leg);
        }
        try {
            ctx.lanes().execute(leg.lane, refused ? leg::refuse : leg::start);
        } catch (RejectedExecutionException e) {
            ctx.registry().removePlaced(leg.callId());
            throw new IllegalStateException("the SIP server is closed: no call to " + call.targetNumber(), e);
        }
        return leg;
    }

    /** From now on a placed call fails at once with 503. */
    void stopPlacing() {
        placing = false;
    }

    /** Shutdown: every placed call in progress is given up or hung up, on its lane. */
    void releaseAll() {
        for (PlacedCallLeg leg : ctx.registry().placedSnapshot()) {
            try {
                ctx.lanes().execute(leg.lane, leg::shutDown);
            } catch (RejectedExecutionException e) {
                LOG.debug("call {}: the lanes are closed", leg.callId());
            }
        }
    }
}
