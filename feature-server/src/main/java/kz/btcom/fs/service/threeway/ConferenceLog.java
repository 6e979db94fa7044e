package kz.btcom.fs.service.threeway;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.ConferenceStep;

import java.time.Clock;

/** Writes a conference's steps to the billing journal (the journal is thread-safe: any lane may write). */
record ConferenceLog(CallEvents journal, Clock clock) {

    void step(Conference conference, ConferenceStep step, String callId, String party, int partiesJoined) {
        journal.conference(new JournalEvent.ConferenceEvent(conference.id(), step, callId, clock.instant(),
                conference.controllerNumber(), party, partiesJoined));
    }
}
