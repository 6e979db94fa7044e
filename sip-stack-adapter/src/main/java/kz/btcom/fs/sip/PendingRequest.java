package kz.btcom.fs.sip;

import javax.sip.ServerTransaction;

/**
 * What a request the B2BUA sent is for, kept on its client transaction so the response finds its way back.
 *
 * @param call        the call it belongs to
 * @param kind        what it is
 * @param relayedFrom for a relayed in-dialog request, the transaction on the other leg that waits for the answer
 * @param towards     the leg it was sent on
 */
record PendingRequest(B2buaCall call, Kind kind, ServerTransaction relayedFrom, Side towards) {

    enum Kind { INVITE, BYE, CANCEL, PRACK_OWN, RELAYED }
}
