package kz.btcom.fs.sip;

/** What a request of a placed call is for, kept on its client transaction so the response finds its way back. */
record PlacedRequest(PlacedCallLeg call, Kind kind) {

    enum Kind { INVITE, CANCEL, BYE, KEEPALIVE }
}
