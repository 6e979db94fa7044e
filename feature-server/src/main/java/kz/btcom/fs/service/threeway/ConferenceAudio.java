package kz.btcom.fs.service.threeway;

import kz.btcom.fs.call.LocalMedia;

/**
 * Where a conference's audio is mixed: the media endpoint's mixer rooms. Each party is a {@link LocalMedia} of the
 * room: the adapter offers or answers SDP through it, starts it when the party is in, and closes it when the
 * party's call ends.
 */
@FunctionalInterface
public interface ConferenceAudio {

    /**
     * A mixer room for one conference.
     *
     * @throws RuntimeException the media endpoint has no room (no free port, shutting down): the caller gets 503
     */
    Room open(String conferenceId);

    interface Room {

        /** One more party's media in the room. @throws RuntimeException no free port (503) */
        LocalMedia join(String callId);

        /** Closes every party's media; idempotent. */
        void close();
    }
}
