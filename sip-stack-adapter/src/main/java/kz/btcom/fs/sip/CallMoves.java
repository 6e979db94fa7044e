package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.DialogReference;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.SipIdentity;

import java.util.Objects;
import java.util.function.Predicate;

/** {@link CallMover}: finds the call that holds the named dialog and moves its party on that call's lane. */
final class CallMoves implements CallMover {

    private final CallContext ctx;

    CallMoves(CallContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean move(DialogReference named, Predicate<SipIdentity> namedParty, LocalMedia media,
                        MoveEvents events) {
        Objects.requireNonNull(named, "named");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(events, "events");
        B2buaCall call = ctx.registry().withLeg(named.callId());
        if (call == null) {
            return false;
        }
        ctx.lanes().execute(call.lane, () -> call.startMove(named, namedParty, media, events));
        return true;
    }
}
