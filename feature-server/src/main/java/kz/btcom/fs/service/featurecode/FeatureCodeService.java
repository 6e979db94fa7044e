package kz.btcom.fs.service.featurecode;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.featurecode.ConfirmationPlayer;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.featurecode.FeatureOperation;
import kz.btcom.fs.featurecode.FeatureRequest;
import kz.btcom.fs.featurecode.Indication;
import kz.btcom.fs.featurecode.ProfileChange;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.service.callreturn.LastCall;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.mcid.MaliciousCallReports;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The first originating service: a called number starting with {@code *} or {@code #} is a feature code. The
 * server answers it, changes the profile in the database (off the call's thread), and plays the positive or
 * negative indication. An unknown or malformed code gets the negative one and changes nothing. Two codes are not
 * profile changes: last-caller return ({@code *69#}) becomes a call to the last caller, which the originating
 * services after this one see as if the subscriber had dialled that number; malicious-call identification
 * ({@code *39#}) flags the last incoming call, and the indication says whether the record was made. The wake-up
 * codes book, check and cancel the line's wake-up calls (off the call's thread too): positive when booked, when
 * cancelled, and when the check finds a booking; a cancel with nothing booked is negative, as a CIS exchange
 * answers it.
 */
public final class FeatureCodeService implements CallService {

    private static final Logger log = LoggerFactory.getLogger(FeatureCodeService.class);

    private final FeatureCodeTable table;
    private final ProfileChange profileChange;
    private final SubscriberDirectory subscribers;
    private final ConfirmationPlayer player;
    private final Clock clock;
    private final CallEvents journal;
    private final LastCallers lastCallers;
    private final MaliciousCallReports maliciousCalls;
    private final WakeUpBookings wakeUps;

    public FeatureCodeService(FeatureCodeTable table, ProfileChange profileChange, SubscriberDirectory subscribers,
                              ConfirmationPlayer player, Clock clock, CallEvents journal, LastCallers lastCallers,
                              MaliciousCallReports maliciousCalls, WakeUpBookings wakeUps) {
        this.table = Objects.requireNonNull(table, "table");
        this.profileChange = Objects.requireNonNull(profileChange, "profileChange");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.player = Objects.requireNonNull(player, "player");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.lastCallers = Objects.requireNonNull(lastCallers, "lastCallers");
        this.maliciousCalls = Objects.requireNonNull(maliciousCalls, "maliciousCalls");
        this.wakeUps = Objects.requireNonNull(wakeUps, "wakeUps");
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        String dialled = call.setup().called().user();
        if (call.sessionCase() != SessionCase.ORIGINATING || !FeatureCodeTable.isFeatureCode(dialled)) {
            return call.proceed();
        }
        Optional<Subscriber> subscriber = call.servedSubscriber();
        if (subscriber.isEmpty()) {
            log.info("call {}: a feature code from {}, who is not a subscriber here: negative",
                    call.callId(), call.servedUser().user());
            return answer(call, CompletableFuture.completedFuture(Indication.NEGATIVE));
        }
        String number = subscriber.get().number();
        Optional<FeatureRequest> request = table.parse(dialled);
        String operation = table.operation(dialled).map(FeatureOperation::key).orElse("unknown");
        if (request.isEmpty()) {
            // Not logged as dialled: a mistyped barring code carries the PIN.
            log.info("call {}: {} dialled an unknown or malformed feature code: negative", call.callId(), number);
            journal.featureCode(new FeatureCodeUse(call.callId(), clock.instant(), number, operation, false));
            return answer(call, CompletableFuture.completedFuture(Indication.NEGATIVE));
        }
        if (request.get() instanceof FeatureRequest.LastCallerReturn) {
            return callBack(call, subscriber.get(), operation);
        }
        if (request.get() instanceof FeatureRequest.MaliciousCallReport) {
            return flagLastCall(call, subscriber.get(), operation);
        }
        CompletionStage<Indication> indication = wakeUp(number, request.get()).orElseGet(() -> subscribers
                .updateAsync(number, current -> profileChange.apply(current, request.get(), clock.instant()))
                .thenApply(change -> change.map(c -> c.result()).orElse(Indication.NEGATIVE)));
        String what = request.get().toString();
        indication = indication.whenComplete((result, failure) -> {
            if (failure != null) {
                log.warn("call {}: {} asked for {}: the database could not be changed or read: {}",
                        call.callId(), number, what, failure.toString());
            } else {
                log.info("call {}: {} asked for {}: {}", call.callId(), number, what, result);
            }
            journal.featureCode(new FeatureCodeUse(call.callId(), clock.instant(), number, operation,
                    failure == null && result == Indication.POSITIVE));
        });
        return answer(call, indication);
    }

    /**
     * The indication of a wake-up code, once its booking is made, found or cancelled; empty for other codes. The
     * bookings check the line (subscribed, not suspended): otherwise negative, and nothing is booked.
     */
    private Optional<CompletionStage<Indication>> wakeUp(String number, FeatureRequest request) {
        CompletionStage<Boolean> positive;
        if (request instanceof FeatureRequest.WakeUpBook book) {
            positive = wakeUps.book(number, book.time(), book.daily()).thenApply(answer -> answer.value().isPresent());
        } else if (request instanceof FeatureRequest.WakeUpCancel cancel) {
            positive = wakeUps.cancel(number, cancel.daily()).thenApply(answer -> answer.value().orElse(false));
        } else if (request instanceof FeatureRequest.WakeUpCheck check) {
            positive = wakeUps.find(number, check.daily())
                    .thenApply(answer -> answer.value().flatMap(booking -> booking).isPresent());
        } else {
            return Optional.empty();
        }
        return Optional.of(positive.thenApply(booked -> booked ? Indication.POSITIVE : Indication.NEGATIVE));
    }

    /**
     * {@code *69#}: the call goes on to the last caller's number, as if dialled (barring and the rest still to
     * come). No call back to a caller that restricted its number, nor when there was none: negative.
     */
    private ServiceOutcome callBack(CallContext call, Subscriber subscriber, String operation) {
        Optional<String> lastCaller = subscriber.services().callReturn()
                ? lastCallers.of(subscriber.number()).flatMap(LastCall::callBackNumber)
                : Optional.empty();
        journal.featureCode(new FeatureCodeUse(call.callId(), clock.instant(), subscriber.number(), operation,
                lastCaller.isPresent()));
        if (lastCaller.isEmpty()) {
            log.info("call {}: {} asked to call back its last caller: {}", call.callId(), subscriber.number(),
                    subscriber.services().callReturn() ? "none, or restricted: negative" : "not subscribed: negative");
            return answer(call, CompletableFuture.completedFuture(Indication.NEGATIVE));
        }
        log.info("call {}: {} calls back its last caller", call.callId(), subscriber.number());
        return ServiceOutcome.proceed(call.leg().withTarget(lastCaller.get()));
    }

    /** {@code *39#}: the indication tells whether the record was made, nothing more. */
    private ServiceOutcome flagLastCall(CallContext call, Subscriber subscriber, String operation) {
        CompletionStage<Indication> indication = subscriber.services().mcid()
                ? maliciousCalls.flagLastCall(subscriber.number())
                        .thenApply(made -> made ? Indication.POSITIVE : Indication.NEGATIVE)
                : CompletableFuture.completedFuture(Indication.NEGATIVE);
        indication.thenAccept(result -> journal.featureCode(new FeatureCodeUse(call.callId(), clock.instant(),
                subscriber.number(), operation, result == Indication.POSITIVE)));
        return answer(call, indication);
    }

    private ServiceOutcome answer(CallContext call, CompletionStage<Indication> indication) {
        return ServiceOutcome.answer(player.confirm(call.callId(), indication));
    }
}
