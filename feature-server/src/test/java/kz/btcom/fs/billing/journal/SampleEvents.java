package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.BarringRejection;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;

import java.time.Instant;
import java.util.List;

/** Journal events for the billing tests: every type, with and without their nullable fields, of every pass. */
public final class SampleEvents {

    public static final Instant T0 = Instant.parse("2026-11-25T13:24:58.123Z");

    private SampleEvents() {
    }

    /** One of each event type, the nullable fields null in some, set in others. */
    public static List<JournalEvent> everyType() {
        return List.of(
                new CallAttempt("c1@fs", T0, "+77172123456", "+77272777888", NumberClass.NATIONAL, "+77172123456",
                        Pass.ORIGINATING, "AyretyU0dm+6O2IrT5tAFrbHLso=023551024"),
                new CallAttempt("c2@fs", T0, "anonymous", "999", null, "anonymous", Pass.BOTH, null),
                new CallAttempt("c1-term@fs", T0, "+77172123456", "+77272777888", NumberClass.NATIONAL, null,
                        Pass.TERMINATING, "AyretyU0dm+6O2IrT5tAFrbHLso=023551024"),
                new CallAlerting("c1@fs", T0.plusMillis(1)),
                new CallAnswer("c1@fs", T0.plusMillis(2)),
                new CallForwarding("c1@fs", T0.plusMillis(3), "+77272777888", "+77011234567", NumberClass.MOBILE,
                        DiversionReason.NO_REPLY, "+77272777888"),
                new CallForwarding("c3@fs", T0.plusMillis(3), "+77272777888", "0123", null,
                        DiversionReason.UNCONDITIONAL, "+77272777888"),
                new FeatureCodeUse("c4@fs", T0.plusMillis(4), "+77172123456", "forwardUnconditional.activate", true),
                new FeatureCodeUse("c5@fs", T0.plusMillis(5), "+77172123456", "barring.deactivate", false),
                new BarringRejection("c6@fs", T0.plusMillis(6), "+77172123456", "+4930123456",
                        NumberClass.INTERNATIONAL, "barring level 2"),
                new BarringRejection("c7@fs", T0.plusMillis(7), "+77172123456", "12345", null, "suspended"),
                new JournalEvent.MaliciousCallIdentification("c10@core", T0.plusMillis(8), "+77272777888",
                        "+77172123456", true, "trunkGroup", "tg-astana-1"),
                release("c1@fs", 61_000, true, 2),
                new CallRelease("c8@fs", T0.plusSeconds(9), "anonymous", "+77272777888", null, T0, null, 487,
                        Party.CALLER, List.of(), Pass.ORIGINATING, "icid-c8"),
                new CallRelease("c9@fs", T0.plusSeconds(9), "+77172123456", "+77272777888", NumberClass.LOCAL, T0,
                        null, 486, Party.SERVER,
                        List.of(new ForwardedLeg("+77272777888", "0123", null, DiversionReason.BUSY)),
                        Pass.TERMINATING, null));
    }

    /**
     * A release of a call that started at {@link #T0}, answered after a second (or never) and lasted
     * {@code durationMillis}, forwarded {@code legs} times.
     */
    public static CallRelease release(String callId, long durationMillis, boolean answered, int legs) {
        Instant answer = T0.plusSeconds(1);
        List<ForwardedLeg> forwarded = new java.util.ArrayList<>();
        String from = "+77272777888";
        for (int i = 0; i < legs; i++) {
            String to = "+7701123456" + i;
            forwarded.add(new ForwardedLeg(from, to, NumberClass.MOBILE,
                    i % 2 == 0 ? DiversionReason.NO_REPLY : DiversionReason.BUSY));
            from = to;
        }
        return new CallRelease(callId, answer.plusMillis(durationMillis), "+77172123456", "+77272777888",
                NumberClass.NATIONAL, T0, answered ? answer : null, answered ? 200 : 487, Party.CALLEE, forwarded,
                Pass.BOTH, "icid-" + callId);
    }

    /** Writes the event through the method of {@code events} that takes it. */
    public static void write(CallEvents events, JournalEvent event) {
        if (event instanceof CallAttempt e) {
            events.attempt(e);
        } else if (event instanceof CallAlerting e) {
            events.alerting(e);
        } else if (event instanceof CallAnswer e) {
            events.answer(e);
        } else if (event instanceof CallRelease e) {
            events.release(e);
        } else if (event instanceof CallForwarding e) {
            events.forwarding(e);
        } else if (event instanceof FeatureCodeUse e) {
            events.featureCode(e);
        } else if (event instanceof BarringRejection e) {
            events.barred(e);
        } else if (event instanceof JournalEvent.MaliciousCallIdentification e) {
            events.maliciousCall(e);
        } else if (event instanceof JournalEvent.WakeUpCall e) {
            events.wakeUpCall(e);
        } else if (event instanceof JournalEvent.ConferenceEvent e) {
            events.conference(e);
        } else {
            throw new AssertionError("an event type the tests do not know: " + event);
        }
    }
}
