package kz.btcom.fs.call;

/** The server's way to call out on its own (a wake-up call): the adapter's port for calls that leave, not arrive. */
public interface CallPlacer {

    /**
     * Places a call of the server's own to the core. Any thread; the INVITE goes out from the call's lane and every
     * event comes on that lane, one at a time, ending with exactly one {@link PlacedCallEvents#onEnded}.
     *
     * @throws IllegalArgumentException when the call cannot be written as SIP (a header the adapter writes itself
     *                                  among the extra headers, a malformed value)
     * @throws IllegalStateException    when the SIP server is closed: no lane is left to run the call on
     */
    PlacedCall place(OutgoingCall call, PlacedCallEvents events);

    /**
     * Whether the SIP side has room for a call of the server's own now: it takes new calls, is below its cap of calls
     * in progress, and its messages wait no longer than its congestion target. A call that can wait (a wake-up
     * call) waits while not, rather than adding to an overload that is already shedding the core's calls.
     */
    default boolean hasRoom() {
        return true;
    }
}
