package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Booking, checking and cancelling wake-up calls, as the feature codes and the API ask for them. Every answer is
 * worked out on the executor it is given (one background thread in the server): the store blocks on the database,
 * and a feature code is dialled on a call's lane, which must never wait for it.
 * <p>
 * What the line may do is read from the subscriber store, not a cache: booking, and what a feature code does by
 * kind (check, cancel), needs a line that is subscribed to {@code wakeUp} and not suspended. The operator's own
 * look and cancellation by id ({@link #list}, {@link #cancel(String, long)}) need only that the line exists, so
 * that the bookings of a line suspended meanwhile can still be seen and removed.
 * <p>
 * Booked times are local times in the calendar's zone (wakeUp.zone); the first occurrence is the next such minute,
 * or the given day's.
 */
public final class WakeUpBookings {

    private static final Logger log = LoggerFactory.getLogger(WakeUpBookings.class);

    private final WakeUpStore store;
    private final SubscriberStore subscribers;
    private final WakeUpCalendar calendar;
    private final Clock clock;
    private final Executor background;

    /** @param background where the store is called: one thread, so one line's requests are served in order */
    public WakeUpBookings(WakeUpStore store, SubscriberStore subscribers, WakeUpCalendar calendar, Clock clock,
                          Executor background) {
        this.store = Objects.requireNonNull(store, "store");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.background = Objects.requireNonNull(background, "background");
    }

    /** The zone booked times are read in. */
    public WakeUpCalendar calendar() {
        return calendar;
    }

    /**
     * Books the line's wake-up call at the next {@code time} (once), or every day from then on (daily), replacing
     * its booking of that kind.
     */
    public CompletionStage<Answer<WakeUpBooking>> book(String number, LocalTime time, boolean daily) {
        Objects.requireNonNull(time, "time");
        return whenUsable(number, line -> Answer.done(saved(number, time, daily,
                calendar.next(time, clock.instant()))));
    }

    /** Books the line's once-booking for {@code time} on {@code date}; refused when that minute is not to come. */
    public CompletionStage<Answer<WakeUpBooking>> bookOn(String number, LocalDate date, LocalTime time) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(time, "time");
        return whenUsable(number, line -> {
            Instant due = calendar.on(date, time);
            if (!due.isAfter(clock.instant())) {
                return Answer.refused(Refusal.IN_THE_PAST);
            }
            return Answer.done(saved(number, time, false, due));
        });
    }

    /** The line's booking of one kind, if it has one. */
    public CompletionStage<Answer<Optional<WakeUpBooking>>> find(String number, boolean daily) {
        return whenUsable(number, line -> Answer.done(store.find(number, daily)));
    }

    /** Cancels the line's booking of one kind; done with false when it had none. */
    public CompletionStage<Answer<Boolean>> cancel(String number, boolean daily) {
        return whenUsable(number, line -> {
            boolean cancelled = store.cancel(number, daily);
            if (cancelled) {
                log.info("{}'s {} wake-up call cancelled", number, kind(daily));
            }
            return Answer.done(cancelled);
        });
    }

    /** The line's bookings, once-booking first, whatever the line's services and status. */
    public CompletionStage<Answer<List<WakeUpBooking>>> list(String number) {
        return whenExists(number, line -> Answer.done(store.list(number)));
    }

    /** Cancels the line's booking {@code id} whatever the line's services and status; false when it has none. */
    public CompletionStage<Answer<Boolean>> cancel(String number, long id) {
        return whenExists(number, line -> {
            boolean cancelled = store.cancel(number, id);
            if (cancelled) {
                log.info("{}'s wake-up booking {} cancelled", number, id);
            }
            return Answer.done(cancelled);
        });
    }

    private WakeUpBooking saved(String number, LocalTime time, boolean daily, Instant due) {
        WakeUpBooking booking = store.book(number, time, daily, due);
        log.info("{} booked a {} wake-up call at {} ({}): first at {}, booking {}", number, kind(daily), time,
                calendar.zone(), due, booking.id());
        return booking;
    }

    private static String kind(boolean daily) {
        return daily ? "daily" : "once";
    }

    private <T> CompletionStage<Answer<T>> whenUsable(String number, Function<Subscriber, Answer<T>> work) {
        return whenExists(number, line -> {
            if (!line.services().wakeUp()) {
                return Answer.refused(Refusal.NOT_SUBSCRIBED);
            }
            if (line.isSuspended()) {
                return Answer.refused(Refusal.SUSPENDED);
            }
            return work.apply(line);
        });
    }

    private <T> CompletionStage<Answer<T>> whenExists(String number, Function<Subscriber, Answer<T>> work) {
        Objects.requireNonNull(number, "number");
        return CompletableFuture.supplyAsync(() -> subscribers.find(number)
                .map(work)
                .orElseGet(() -> Answer.refused(Refusal.NO_SUCH_SUBSCRIBER)), background);
    }

    /** Why a request about a line's bookings was not carried out. */
    public enum Refusal {
        /** The number is no subscriber here. */
        NO_SUCH_SUBSCRIBER,
        /** The line is not subscribed to wake-up calls. */
        NOT_SUBSCRIBED,
        /** The line is suspended: it keeps its bookings but cannot change them. */
        SUSPENDED,
        /** The booked minute on the given day is over. */
        IN_THE_PAST
    }

    /** What became of a request: done, with its result, or refused, saying why. */
    public sealed interface Answer<T> {

        static <T> Answer<T> done(T value) {
            return new Done<>(value);
        }

        static <T> Answer<T> refused(Refusal refusal) {
            return new Refused<>(refusal);
        }

        /** The result when done. */
        Optional<T> value();

        record Done<T>(T result) implements Answer<T> {
            public Done {
                Objects.requireNonNull(result, "result");
            }

            @Override
            public Optional<T> value() {
                return Optional.of(result);
            }
        }

        record Refused<T>(Refusal refusal) implements Answer<T> {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }

            @Override
            public Optional<T> value() {
                return Optional.empty();
            }
        }
    }
}
