package kz.btcom.fs.call;

/**
 * How a REFER the server took is going, reported to the party that sent it as NOTIFYs with a
 * {@code message/sipfrag} status line (RFC 3515 2.4.4, 2.4.5). Any thread; the NOTIFY goes from the call's lane.
 */
public interface ReferProgress {

    /**
     * Reports the referral's state: a 1xx keeps the subscription going, a final status (2xx-6xx) ends it. Nothing
     * goes once a final status went or the call is over.
     */
    void report(int status, String reason);
}
