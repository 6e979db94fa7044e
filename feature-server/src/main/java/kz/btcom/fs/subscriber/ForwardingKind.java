package kz.btcom.fs.subscriber;

/** The four conditions a call can be forwarded on (TS 24.604: CFU, CFB, CFNR, CFNRc). */
public enum ForwardingKind {
    UNCONDITIONAL,
    BUSY,
    NO_REPLY,
    NOT_REACHABLE
}
