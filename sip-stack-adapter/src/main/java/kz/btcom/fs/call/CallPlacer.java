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
}
