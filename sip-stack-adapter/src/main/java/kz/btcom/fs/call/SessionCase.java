package kz.btcom.fs.call;

/** Whose services a request is for: the caller's (originating) or the callee's (terminating). */
public enum SessionCase {
    ORIGINATING,
    TERMINATING
}
