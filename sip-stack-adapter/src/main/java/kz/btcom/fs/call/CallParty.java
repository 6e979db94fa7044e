package kz.btcom.fs.call;

/** One of the two parties of a call through the B2BUA: the caller (incoming leg) or the callee (onward leg). */
public enum CallParty {
    CALLER,
    CALLEE
}
