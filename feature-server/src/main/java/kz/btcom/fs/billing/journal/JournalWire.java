package kz.btcom.fs.billing.journal;

/**
 * The journal's shape on disk: {@link kz.btcom.fs.billing.CallEvents} one for one, each method name the entry's
 * event name, each argument a codec that writes the event's record as compact binary (see {@link WireEvents}).
 * Chronicle's method writer implements it on the writing side, a method reader calls it on the reading side.
 * Public only because Chronicle generates the writer and reader classes against it: nothing outside this
 * package uses it.
 */
public interface JournalWire {

    void attempt(WireEvents.Attempt event);

    void alerting(WireEvents.Alerting event);

    void answer(WireEvents.Answer event);

    void release(WireEvents.Release event);

    void forwarding(WireEvents.Forwarding event);

    void featureCode(WireEvents.FeatureCode event);

    void maliciousCall(WireEvents.MaliciousCall event);

    void barred(WireEvents.Barred event);
}
