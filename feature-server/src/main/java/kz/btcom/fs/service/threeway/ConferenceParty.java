package kz.btcom.fs.service.threeway;

import kz.btcom.fs.call.LocalMedia;

import java.util.Objects;

/**
 * One seat of a {@link Conference}: the room's media for one party, as the adapter uses it for that party's call,
 * telling the conference when the party is in (the media starts) and when it is gone (the media closes, whatever
 * ended the call). Its methods run on the party's call lane.
 */
final class ConferenceParty implements LocalMedia {

    private final Conference conference;
    private final LocalMedia media;
    final String number;
    final String callId;
    final boolean controller;
    /** Guarded by the conference. */
    Runnable hangUp;
    boolean in;
    boolean gone;

    ConferenceParty(Conference conference, LocalMedia media, String number, String callId, boolean controller) {
        this.conference = conference;
        this.media = Objects.requireNonNull(media, "media");
        this.number = number;
        this.callId = callId;
        this.controller = controller;
    }

    @Override
    public String sdpAnswer(String sdpOffer) {
        return media.sdpAnswer(sdpOffer);
    }

    @Override
    public void remoteAnswer(String sdpAnswer) {
        media.remoteAnswer(sdpAnswer);
    }

    @Override
    public void start(Runnable hangUp) {
        media.start(hangUp);
        conference.partyIn(this, hangUp);
    }

    @Override
    public void close() {
        media.close();
        conference.partyGone(this);
    }

    @Override
    public String toString() {
        return (controller ? "controller " : "party ") + number + " (" + callId + ")";
    }
}
