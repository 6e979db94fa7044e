package kz.btcom.fs.call;

/**
 * What becomes of a placed call, told to whoever placed it: on the call's lane, one event at a time, each at most
 * once except {@link #onProvisional}. A call that fails gets {@link #onFailed} and then {@link #onEnded}; an answered
 * one {@link #onAnswered}, and {@link #onEnded} when either side hangs up.
 */
public interface PlacedCallEvents {

    PlacedCallEvents NONE = new PlacedCallEvents() {
    };

    /**
     * The call is under way: its first event, on its lane, just before its INVITE goes out, so that whoever placed it
     * can write it down (the billing journal's attempt) before anything can come back. A call the server stopped
     * before it went hears only {@link #onFailed} and {@link #onEnded}.
     */
    default void onPlaced(PlacedCall call) {
    }

    /** The callee's side is progressing: 180 Ringing, 183 Session Progress... (not 100 Trying). */
    default void onProvisional(int status, PlacedCall call) {
    }

    /** The callee answered: our ACK is out, and the media has the callee's answer and is starting. */
    default void onAnswered(PlacedCall call) {
    }

    /**
     * The call failed before the answer: the callee's 3xx-6xx; 408 when no final response came or the core could not
     * be reached; 487 after our own {@link PlacedCall#cancel}, whatever the callee answered to it; 503 when the server
     * shut down before the answer; a 4xx-6xx of the server's media when it refused the offer or the callee's answer.
     */
    default void onFailed(int status, PlacedCall call) {
    }

    /**
     * The call is over, whatever happened: exactly once. {@link CallEnd#status} is the INVITE's final status as the
     * placer saw it (200 when answered), {@link CallEnd#releasedBy} {@code CALLEE} when the callee refused or hung
     * up, else {@code SERVER}; {@link CallEnd#alertedAt} the first 180, {@link CallEnd#answeredAt} the 200.
     */
    default void onEnded(CallEnd end) {
    }
}
