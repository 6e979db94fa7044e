package kz.btcom.fs.billing;

import kz.btcom.fs.billing.JournalEvent.BarringRejection;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;
import kz.btcom.fs.billing.JournalEvent.ConferenceEvent;

/**
 * The billing journal's schema: every event of a call the billing needs, as void methods (Chronicle's method
 * writer turns each call into one journal entry). The services call this interface; only this package knows
 * there is a queue behind it. Each method returns once the event is in the journal, so a crash right after
 * loses nothing the server acted on.
 */
public interface CallEvents {

    void attempt(CallAttempt event);

    void alerting(CallAlerting event);

    void answer(CallAnswer event);

    void release(CallRelease event);

    void forwarding(CallForwarding event);

    void featureCode(FeatureCodeUse event);

    void barred(BarringRejection event);

    void maliciousCall(MaliciousCallIdentification event);

    void wakeUpCall(WakeUpCall event);

    void conference(ConferenceEvent event);
}
