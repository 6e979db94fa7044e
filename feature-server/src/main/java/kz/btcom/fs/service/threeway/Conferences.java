package kz.btcom.fs.service.threeway;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.service.journal.PlacedCallJournal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conferences in progress on this node, by the user part of their URI. A conference URI names the node that
 * made it: a party's INVITE to it reaches this node through the core by the URI's host.
 */
public final class Conferences {

    private final ConcurrentHashMap<String, Conference> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ConferenceAudio audio;
    private final ConferenceLog log;
    private final CallMover mover;
    private final CallPlacer placer;
    private final CallEvents journal;
    private final Clock clock;

    /**
     * @param mover  moves a party of a call through this server into a conference (REFER with Replaces)
     * @param placer calls a party that is not in a call through this server (REFER without, or with a Replaces of a
     *               call elsewhere: INVITE with Replaces through the core)
     */
    public Conferences(ConferenceAudio audio, CallEvents journal, Clock clock, CallMover mover, CallPlacer placer) {
        this.audio = audio;
        this.journal = journal;
        this.clock = clock;
        this.log = new ConferenceLog(journal, clock);
        this.mover = mover;
        this.placer = placer;
    }

    /** A new conference of {@code controllerNumber}'s, in a mixer room of its own. */
    Conference create(String controllerNumber) {
        String id = FocusAddresses.CONFERENCE_PREFIX + HexFormat.of().formatHex(randomBytes());
        ConferenceAudio.Room room = audio.open(id);
        Conference conference = new Conference(id, controllerNumber, room, log, () -> byId.remove(id));
        byId.put(id, conference);
        return conference;
    }

    Optional<Conference> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    CallMover mover() {
        return mover;
    }

    CallPlacer placer() {
        return placer;
    }

    /** The journal of a call the conference places (to a party not in a call here), as every placed call has. */
    PlacedCallJournal placedCallJournal(String caller, String called, NumberClass calledClass) {
        return new PlacedCallJournal(journal, clock, caller, called, calledClass);
    }

    /** Conferences in progress (the gauge {@code fs_conferences_in_progress}). */
    public int inProgress() {
        return byId.size();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return bytes;
    }
}
