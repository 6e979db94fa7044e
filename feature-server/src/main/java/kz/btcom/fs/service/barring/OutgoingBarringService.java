package kz.btcom.fs.service.barring;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.numbering.ClassifiedNumber;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The caller's outgoing restrictions, originating side: a suspended line may call only emergency and operator
 * service numbers; a line with outgoing barring may not call the classes its level bars (TS 24.611: 603 Decline).
 * A called number the numbering plan cannot place (a name, digits of no known form) is barred from level 1 up
 * and from a suspended line: barring protects the subscriber's bill, so what cannot be classified is not let out.
 */
public final class OutgoingBarringService implements CallService {

    private static final Logger log = LoggerFactory.getLogger(OutgoingBarringService.class);

    private final NumberingPlan numbering;
    private final RefusalAnnouncement announcement;
    private final CallEvents journal;
    private final Clock clock;

    public OutgoingBarringService(NumberingPlan numbering, RefusalAnnouncement announcement, CallEvents journal,
                                  Clock clock) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.announcement = Objects.requireNonNull(announcement, "announcement");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        if (call.sessionCase() != SessionCase.ORIGINATING || call.servedSubscriber().isEmpty()) {
            return call.proceed();
        }
        Subscriber caller = call.servedSubscriber().get();
        String dialled = call.leg().targetNumber().orElse(call.setup().called().user());
        Optional<ClassifiedNumber> number = numbering.normalise(dialled, numbering.areaOf(caller.number()));
        Optional<NumberClass> called = number.map(ClassifiedNumber::numberClass);
        if (caller.isSuspended() && !called.map(BarringPolicy::allowedWhenSuspended).orElse(false)) {
            log.info("call {}: {} is suspended: {} ({}) declined", call.callId(), caller.number(), dialled,
                    called.map(NumberClass::jsonName).orElse("unknown"));
            return declined(call, caller, number, dialled, "suspended");
        }
        int level = caller.services().barring().subscribed() ? caller.services().barring().level() : 0;
        if (level > 0 && called.map(c -> BarringPolicy.bars(level, c)).orElse(true)) {
            log.info("call {}: {} has barring level {}: {} ({}) declined", call.callId(), caller.number(), level,
                    dialled, called.map(NumberClass::jsonName).orElse("unknown"));
            return declined(call, caller, number, dialled, "barring level " + level);
        }
        return call.proceed();
    }

    private ServiceOutcome declined(CallContext call, Subscriber caller, Optional<ClassifiedNumber> number,
                                    String dialled, String reason) {
        journal.barred(new JournalEvent.BarringRejection(call.callId(), clock.instant(), caller.number(),
                number.map(ClassifiedNumber::e164OrShortCode).orElse(dialled),
                number.map(ClassifiedNumber::numberClass).orElse(null), reason));
        return new ServiceOutcome.Reject(603, "Decline", announcement.forCall(call.callId()));
    }
}
