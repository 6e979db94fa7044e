package kz.btcom.fs.sip;

/** The two legs of a call: the caller's (incoming) and the callee's (outgoing). */
enum Side {
    CALLER,
    CALLEE;

    Side other() {
        return this == CALLER ? CALLEE : CALLER;
    }
}
