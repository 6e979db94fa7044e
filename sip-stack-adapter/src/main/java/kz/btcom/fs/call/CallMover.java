package kz.btcom.fs.call;

/**
 * Moves a party of a call through this server onto the server's own media (a conference focus taking in the party
 * its controller named by Replaces, RFC 4579 5.5): no new call leaves the server, the party's existing leg is
 * re-INVITEd with the media's offer, and the other party's leg of that call (the controller's old dialog) is
 * released with BYE. The call goes on as the party's call, and ends, and is billed, when the party leaves.
 */
public interface CallMover {

    /**
     * Starts the move of the party on the far side of {@code named}: the call holding a leg with that dialog is
     * found, and on its lane the party's leg gets a re-INVITE with {@code media}'s offer ({@link LocalMedia#sdpAnswer}
     * of ""). On the party's 2xx the media gets its answer ({@link LocalMedia#remoteAnswer}) and is started with the
     * call's hang-up; then {@link MoveEvents#onMoved}. The media is closed when the party's call ends, however.
     *
     * @param namedParty whether the party of the named leg (the caller of the call when the named dialog is its
     *                   caller's, else the called party) may move the other one: RFC 3891 6 asks that a Replaces be
     *                   honoured only for a party of that dialog, so a subscriber can take in its own calls only
     *                   (403 otherwise)
     * @return false when no call in progress here has that dialog (then nothing happens and the media is untouched)
     */
    boolean move(DialogReference named, java.util.function.Predicate<SipIdentity> namedParty, LocalMedia media,
                 MoveEvents events);

    /** What became of a move; on the moved call's lane, exactly one of the two. */
    interface MoveEvents {

        /** The party's leg is on the server's media, the named leg released. */
        void onMoved();

        /**
         * The move failed and the call is as it was: the named party is not the one asking (403), the call was not
         * answered and confirmed (481), a move or
         * another re-INVITE was under way (491), the party refused the offer or never answered (its status, 408).
         * The media was closed.
         */
        void onFailed(int status);
    }
}
