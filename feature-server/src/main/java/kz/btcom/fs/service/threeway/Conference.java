package kz.btcom.fs.service.threeway;

import kz.btcom.fs.billing.JournalEvent.ConferenceStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One three-way conference on the server's focus: its controller (the subscriber who called the factory URI) and
 * at most two more parties, in one mixer room. It lasts as long as the controller's call to the focus: when the
 * controller leaves, the others are hung up; when another party leaves, the rest go on talking.
 *
 * <p>Threads: its parties' calls run on different lanes (the controller's REFER on the focus call's lane, a moved
 * party's events on that party's call's lane). The few fields below are guarded by this object's monitor, which is
 * held only to read and change them, never while calling out (journal, hang-ups, the room): so no lane ever waits
 * for another lane's work, only for a handful of field updates.
 */
final class Conference {

    private static final Logger LOG = LoggerFactory.getLogger(Conference.class);
    /** Three-way calling: the controller and two others. */
    static final int MAX_PARTIES = 3;

    private final String id;
    private final String controllerNumber;
    private final ConferenceAudio.Room room;
    private final ConferenceLog log;
    private final Runnable onEnded;
    /** Seated parties, the controller first; a seat is taken before its party is in (a move under way). */
    private final List<ConferenceParty> seats = new ArrayList<>(MAX_PARTIES);
    private int partiesJoined;
    private boolean ended;

    Conference(String id, String controllerNumber, ConferenceAudio.Room room, ConferenceLog log, Runnable onEnded) {
        this.id = id;
        this.controllerNumber = controllerNumber;
        this.room = room;
        this.log = log;
        this.onEnded = onEnded;
    }

    String id() {
        return id;
    }

    String controllerNumber() {
        return controllerNumber;
    }

    /** The controller's seat: the media of its call to the focus. */
    ConferenceParty seatController(String callId) {
        ConferenceParty controller = new ConferenceParty(this, room.join(callId), controllerNumber, callId, true);
        synchronized (this) {
            seats.add(0, controller);
        }
        return controller;
    }

    /**
     * A seat for one more party (its media in the room), or empty when the conference is full or over. The seat is
     * given back when its media closes without the party ever coming in (the move failed).
     */
    Optional<ConferenceParty> seat(String number, String callId) {
        synchronized (this) {
            if (ended || seats.size() >= MAX_PARTIES) {
                return Optional.empty();
            }
            seats.add(null); // held while the room opens the party's port, outside the monitor
        }
        ConferenceParty party;
        try {
            party = new ConferenceParty(this, room.join(callId), number, callId, false);
        } catch (RuntimeException e) {
            synchronized (this) {
                seats.remove(null);
            }
            throw e;
        }
        synchronized (this) {
            seats.set(seats.indexOf(null), party);
        }
        return Optional.of(party);
    }

    boolean isEnded() {
        synchronized (this) {
            return ended;
        }
    }

    /** The party's media started: it hears and is heard. A party that comes in after the end is hung up at once. */
    void partyIn(ConferenceParty party, Runnable hangUp) {
        boolean late;
        int joined;
        synchronized (this) {
            party.hangUp = hangUp;
            late = ended;
            party.in = !late;
            if (!late && !party.controller) {
                partiesJoined++;
            }
            joined = partiesJoined;
        }
        if (late) {
            LOG.info("conference {}: {} came in after the end; hung up", id, party);
            hangUp.run();
            return;
        }
        LOG.info("conference {}: {} in", id, party);
        log.step(this, party.controller ? ConferenceStep.CREATED : ConferenceStep.PARTY_JOINED, party.callId,
                party.number, joined);
    }

    /** The party's call is over (or its move failed): it leaves; when it is the controller, so does everyone. */
    void partyGone(ConferenceParty party) {
        boolean wasIn;
        int joined;
        synchronized (this) {
            if (party.gone) {
                return;
            }
            party.gone = true;
            wasIn = party.in;
            seats.remove(party);
            joined = partiesJoined;
        }
        if (party.controller) {
            end(party);
            return;
        }
        if (wasIn) {
            LOG.info("conference {}: {} left", id, party);
            log.step(this, ConferenceStep.PARTY_LEFT, party.callId, party.number, joined);
        }
    }

    /** The controller left: the others are hung up, the room closes, the conference is over. */
    private void end(ConferenceParty controller) {
        List<ConferenceParty> released = new ArrayList<>(MAX_PARTIES);
        int joined;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            for (ConferenceParty party : seats) {
                if (party != null && party.in && !party.gone) {
                    party.gone = true; // leaves with the conference: its call's end is no news to it
                    released.add(party);
                }
            }
            joined = partiesJoined;
        }
        LOG.info("conference {}: the controller left; {} parties hung up", id, released.size());
        for (ConferenceParty party : released) {
            party.hangUp.run();
            log.step(this, ConferenceStep.PARTY_LEFT, party.callId, party.number, joined);
        }
        room.close();
        if (controller.in) {
            log.step(this, ConferenceStep.ENDED, controller.callId, controllerNumber, joined);
        }
        onEnded.run();
    }

    @Override
    public String toString() {
        return "Conference[" + id + " of " + controllerNumber + "]";
    }
}
