package kz.btcom.fs.service.journal;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.session.SessionCall;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns what happens to a call into billing journal events: numbers in E.164 with their class, times from the
 * injected clock. One per server; each call's part is its {@link JournaledCall}, a listener on the call.
 */
public final class CallJournalist {

    private final CallEvents journal;
    private final NumberingPlan numbering;
    private final Clock clock;

    public CallJournalist(CallEvents journal, NumberingPlan numbering, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The journal follows this call from now on, to its end. */
    public JournaledCall follow(SessionCall call) {
        JournaledCall journaled = new JournaledCall(this, call.setup());
        call.addCalleeListener(journaled);
        call.addEndListener(journaled);
        return journaled;
    }

    CallEvents journal() {
        return journal;
    }

    Instant now() {
        return clock.instant();
    }

    /** The caller's number as identified, even when restricted: the journal is the server's own record. */
    String caller(CallSetup setup) {
        return numbering.toE164(setup.caller().user()).orElse(setup.caller().user());
    }

    /**
     * The number dialled, normalised in the caller's area, with its class (no class: it cannot be placed). A
     * feature code is written as its service digits only ({@code *34*0000*1#} as {@code *34#}): a code may carry
     * the barring PIN, which must not reach a journal.
     */
    ClassifiedCalled called(CallSetup setup, Optional<String> target) {
        String dialled = target.orElse(setup.called().user());
        if (FeatureCodeTable.isFeatureCode(dialled)) {
            return new ClassifiedCalled(serviceDigits(dialled), null);
        }
        Optional<ClassifiedNumber> classified = numbering.normalise(dialled,
                numbering.toE164(setup.caller().user()).flatMap(numbering::areaOf));
        return classified.map(c -> new ClassifiedCalled(c.e164OrShortCode(), c.numberClass()))
                .orElse(new ClassifiedCalled(dialled, null));
    }

    NumberClass classOf(String e164, String from) {
        return numbering.classify(e164, numbering.areaOf(from));
    }

    /**
     * Which session case this pass of the call serves, as the core stated it: with none stated, the server decided
     * and this is the call's one pass.
     */
    static JournalEvent.Pass passOf(CallSetup setup) {
        if (setup.explicitCase().isEmpty()) {
            return JournalEvent.Pass.BOTH;
        }
        return switch (setup.explicitCase().get().sessionCase()) {
            case ORIGINATING -> JournalEvent.Pass.ORIGINATING;
            case TERMINATING -> JournalEvent.Pass.TERMINATING;
        };
    }

    /** @param calledInstead the number the call goes to instead of the one dialled (a feature code's call back) */
    void attempt(CallSetup setup, Optional<String> calledInstead) {
        ClassifiedCalled called = called(setup, calledInstead);
        String caller = caller(setup);
        JournalEvent.Pass pass = passOf(setup);
        journal.attempt(new JournalEvent.CallAttempt(setup.callId(), setup.receivedAt(), caller, called.number(),
                called.numberClass(), pass.chargesTheCaller() ? caller : null, pass, setup.icid()));
    }

    void forwarded(CallSetup setup, Diversion diversion) {
        journal.forwarding(new JournalEvent.CallForwarding(setup.callId(), now(), diversion.from(), diversion.to(),
                classOf(diversion.to(), diversion.from()), diversion.reason(), diversion.from()));
    }

    void forwardedAll(CallSetup setup, List<Diversion> diversions, int alreadyJournaled) {
        for (int i = alreadyJournaled; i < diversions.size(); i++) {
            forwarded(setup, diversions.get(i));
        }
    }

    /** The code's leading {@code * #} and the digits of its service, closed with {@code #}. */
    static String serviceDigits(String code) {
        String unescaped = code.replace("%23", "#").replace("%2A", "*").replace("%2a", "*");
        int i = 0;
        while (i < unescaped.length() && (unescaped.charAt(i) == '*' || unescaped.charAt(i) == '#')) {
            i++;
        }
        while (i < unescaped.length() && Character.isDigit(unescaped.charAt(i))) {
            i++;
        }
        return unescaped.substring(0, i) + "#";
    }

    /** A called number as the journal writes it. @param numberClass null when it cannot be placed */
    record ClassifiedCalled(String number, NumberClass numberClass) {
    }
}
