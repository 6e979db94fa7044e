package kz.btcom.fs.media;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A conference's audio on the media endpoint: its parties, each on its own leg, mixed every 20 ms on the media
 * thread (see {@link RoomMix} for what each party hears, {@link MixingClock} for when). Made by
 * {@link MediaEndpoint#openRoom}. Joining and closing may happen on any thread (the calls' lanes); they hand the
 * mix its changes as tasks on the media thread, which alone touches the mix.
 */
public final class ConferenceRoom implements AutoCloseable {

    private final MediaEndpoint endpoint;
    private final String id;
    private final RoomMix mix;
    private final MediaThread mediaThread;
    private final Set<RoomParty> parties = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    ConferenceRoom(MediaEndpoint endpoint, String id, RoomMix mix, MediaThread mediaThread) {
        this.endpoint = endpoint;
        this.id = id;
        this.mix = mix;
        this.mediaThread = mediaThread;
    }

    /**
     * A new party on the room's mixer, with its own media leg ({@link MediaDirection#SEND_RECV}). It is heard and
     * hears once its call has negotiated audio and is {@link RoomParty#start started}. Any thread.
     *
     * @param callId the party's call, for the logs
     * @throws MediaUnavailableException no media port is free, or the endpoint or the room is closed
     */
    public RoomParty join(String callId) {
        Objects.requireNonNull(callId, "callId");
        if (closed.get()) {
            throw new MediaUnavailableException("conference " + id + " is closed");
        }
        RoomParty party = new RoomParty(this, endpoint.openLeg(callId, MediaDirection.SEND_RECV,
                mediaThread.loop()));
        parties.add(party);
        if (closed.get()) { // closed while the leg was being bound: close() may not have seen this party
            party.close();
            throw new MediaUnavailableException("conference " + id + " is closed");
        }
        return party;
    }

    public String id() {
        return id;
    }

    /** Parties joined and not closed. */
    public int partyCount() {
        return parties.size();
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Closes every party's leg and stops mixing. Idempotent; any thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        parties.forEach(RoomParty::close);
        endpoint.roomClosed(this);
    }

    @Override
    public String toString() {
        return "ConferenceRoom[" + id + ", " + parties.size() + " parties]";
    }

    RoomMix mix() {
        return mix;
    }

    /** The media thread the room lives on: its mixing and its parties' sockets. */
    MediaThread mediaThread() {
        return mediaThread;
    }

    /** Runs {@code task} on the room's media thread, the only one that touches the mix. */
    void onMediaThread(Runnable task) {
        endpoint.execute(mediaThread.loop(), task);
    }

    void left(RoomParty party) {
        parties.remove(party);
    }
}
