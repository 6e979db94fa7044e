package kz.btcom.fs.sip;

import javax.sip.ServerTransaction;

/**
 * What a request the B2BUA sent is for, kept on its client transaction so the response finds its way back.
 *
 * @param call        the call it belongs to
 * @param kind        what it is
 * @param relayedFrom for a relayed in-dialog request, the transaction on the other leg that waits for the answer
 * @param towards     the leg it was sent on
 * @param calleeLeg   which onward leg, when sent towards the callee: a redirect leaves earlier ones behind, and
 *                    what they answer must not be taken for the current leg's answer
 */
record PendingRequest(B2buaCall call, Kind kind, ServerTransaction relayedFrom, Side towards, CalleeLeg calleeLeg) {

    enum Kind {
        INVITE, BYE, CANCEL, PRACK_OWN, RELAYED, KEEPALIVE,
        /** The re-INVITE that moves a party onto the server's media ({@link PartyMove}). */
        MOVE,
        /** A NOTIFY of a REFER the server took ({@link ReferSubscription}): its answer changes nothing. */
        NOTIFY
    }

    static PendingRequest toCaller(B2buaCall call, Kind kind, ServerTransaction relayedFrom) {
        return new PendingRequest(call, kind, relayedFrom, Side.CALLER, null);
    }

    static PendingRequest toCallee(CalleeLeg leg, Kind kind, ServerTransaction relayedFrom) {
        return new PendingRequest(leg.call(), kind, relayedFrom, Side.CALLEE, leg);
    }
}
