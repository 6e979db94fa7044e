package kz.btcom.fs.call;

/**
 * A copy of every SIP message the server sends or receives, for signalling traces (the technicians' pcap
 * captures). Called on the stack's and the calls' threads, for every message: {@link #active()} must be cheap,
 * and when it says no, nothing is copied. {@link #onMessage} must not block.
 */
public interface SipMessageTap {

    /** No tracing at all: nothing is ever copied. */
    SipMessageTap NONE = new SipMessageTap() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public void onMessage(CapturedSipMessage message) {
        }
    };

    /** Whether any capture is running; asked before each message is copied. */
    boolean active();

    /** One message as it went over the wire (sent or received). */
    void onMessage(CapturedSipMessage message);
}
