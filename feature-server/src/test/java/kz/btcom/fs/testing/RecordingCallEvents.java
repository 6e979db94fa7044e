package kz.btcom.fs.testing;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The billing journal for tests without a queue: every event, in order. */
public final class RecordingCallEvents implements CallEvents {

    public final List<JournalEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void attempt(JournalEvent.CallAttempt event) {
        events.add(event);
    }

    @Override
    public void alerting(JournalEvent.CallAlerting event) {
        events.add(event);
    }

    @Override
    public void answer(JournalEvent.CallAnswer event) {
        events.add(event);
    }

    @Override
    public void release(JournalEvent.CallRelease event) {
        events.add(event);
    }

    @Override
    public void forwarding(JournalEvent.CallForwarding event) {
        events.add(event);
    }

    @Override
    public void featureCode(JournalEvent.FeatureCodeUse event) {
        events.add(event);
    }

    @Override
    public void barred(JournalEvent.BarringRejection event) {
        events.add(event);
    }

    @Override
    public void maliciousCall(JournalEvent.MaliciousCallIdentification event) {
        events.add(event);
    }

    @Override
    public void wakeUpCall(JournalEvent.WakeUpCall event) {
        events.add(event);
    }

    @Override
    public void conference(JournalEvent.ConferenceEvent event) {
        events.add(event);
    }

    /** The events of one type, in order. */
    public <T extends JournalEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
