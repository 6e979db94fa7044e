package kz.btcom.fs.sip;

/** What a request from an address that is not a trusted peer gets. */
public enum UntrustedPolicy {
    /** 403 Forbidden (never to an ACK): the sender learns it is refused, and stops retransmitting. */
    REJECT,
    /** No answer at all: a scanner cannot even tell that a SIP server listens here. */
    DROP
}
