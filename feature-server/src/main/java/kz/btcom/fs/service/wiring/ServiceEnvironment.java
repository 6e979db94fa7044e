package kz.btcom.fs.service.wiring;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.featurecode.ConfirmationPlayer;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.barring.RefusalAnnouncement;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import kz.btcom.fs.time.Scheduler;

import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What services are built with: injected time and timers (tests run them on a fake clock), the numbering plan,
 * the subscribers (through their cache), the feature-code table, the media that confirms codes and the
 * announcement played before a barred call is refused, the billing journal the calls and the services' own events
 * (feature-code use, barring rejections) are written to with whether it takes new calls now, what the services
 * remember of calls, and the lines' wake-up bookings.
 */
public record ServiceEnvironment(Clock clock, Scheduler scheduler, NumberingPlan numbering,
                                 SubscriberDirectory subscribers, FeatureCodeTable featureCodes,
                                 ConfirmationPlayer confirmations, RefusalAnnouncement refusals,
                                 CallEvents journal, BooleanSupplier journalTakesNewCalls, CallHistory history,
                                 WakeUpBookings wakeUpBookings) {
    public ServiceEnvironment {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(numbering, "numbering");
        Objects.requireNonNull(subscribers, "subscribers");
        Objects.requireNonNull(featureCodes, "featureCodes");
        Objects.requireNonNull(confirmations, "confirmations");
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(journalTakesNewCalls, "journalTakesNewCalls");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(wakeUpBookings, "wakeUpBookings");
    }
}
