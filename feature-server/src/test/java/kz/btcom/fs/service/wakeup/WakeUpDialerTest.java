package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.WakeUpCall;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.service.wakeup.WakeUpSettings;
import kz.btcom.fs.media.Prompt;
import kz.btcom.fs.media.Tone;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.testing.RecordingCallEvents;
import kz.btcom.fs.testing.TestSubscribers;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.SubscriberStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wake-up dialer on fake time: when a booked minute comes it calls the line from the service number, plays the
 * announcement on answer and hangs up; busy, unanswered and unreachable attempts are retried; the calls of a busy
 * minute are paced; minutes missed while the server was down are called late or recorded as missed.
 */
class WakeUpDialerTest {

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final String LINE = "+77272123456";
    private static final LocalTime SEVEN = LocalTime.of(7, 0);

    /** 06:59:30 in Almaty (UTC+5). */
    private final FakeClock clock = FakeClock.at("2026-12-07T01:59:30Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    @TempDir
    Path dataDir;
    private Database database;
    private JdbcWakeUpStore store;
    private final WakeUpCalendar calendar = new WakeUpCalendar(ALMATY);
    private final ScriptedPlacer core = new ScriptedPlacer(clock);
    private final RecordingCallEvents journal = new RecordingCallEvents();
    private final Map<String, Subscriber> lines = new HashMap<>();
    private final Set<String> linesInCall = new HashSet<>();
    private final List<WakeUpOutcome> counted = new ArrayList<>();
    private final List<Prompt> played = new ArrayList<>();
    private final OwnCalls ownCalls = new OwnCalls(Set.of(WakeUpSettings.DEFAULTS.callerNumber()));
    private boolean journalTakesCalls = true;
    private WakeUpDialer dialer;

    @BeforeEach
    void openTheBookings() {
        database = SubscriberStores.openDatabase(StoreSettings.defaults(), dataDir);
        store = new JdbcWakeUpStore(database, clock);
    }

    @AfterEach
    void stop() {
        if (dialer != null) {
            dialer.close();
        }
        database.close();
    }

    @Test
    void almatyIsUtcPlusFiveSinceMarch2024() {
        assertEquals(java.time.ZoneOffset.ofHours(5), ALMATY.getRules().getOffset(Instant.parse("2024-03-01T12:00:00Z")));
        assertEquals(java.time.ZoneOffset.ofHours(5), ALMATY.getRules().getOffset(Instant.parse("2026-07-01T12:00:00Z")));
        assertEquals(java.time.ZoneOffset.ofHours(6), ALMATY.getRules().getOffset(Instant.parse("2024-02-01T12:00:00Z")));
        assertEquals(Instant.parse("2026-12-07T02:00:00Z"), calendar.next(SEVEN, clock.instant()));
    }

    @Test
    void atTheBookedMinuteTheLineIsCalledFromTheServiceNumberHearsTheAnnouncementAndIsHungUpOn() {
        subscribed(LINE);
        WakeUpBooking booking = bookOnce(LINE, SEVEN);
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(29));
        assertTrue(core.calls.isEmpty(), "nothing before 07:00");
        scheduler.advance(Duration.ofSeconds(1));

        assertEquals(1, core.calls.size());
        ScriptedPlacer.Line call = core.last();
        assertEquals(LINE, call.call.targetNumber());
        assertEquals("+77272777100", call.call.callerNumber());
        assertEquals(Optional.of(WakeUpDialer.CALLER_NAME), call.call.callerName());
        assertEquals(List.of(Tone.WAKE_UP), played);
        assertEquals(1, ownCalls.inProgress(), "the call is known as the server's own while it lasts");
        assertEquals(WakeUpBooking.Status.CALLING, bookings(LINE).get(0).status());

        scheduler.advance(Duration.ofSeconds(5));
        call.answer();
        scheduler.advance(Duration.ofSeconds(29));
        assertFalse(call.hungUp);
        scheduler.advance(Duration.ofSeconds(1));

        assertTrue(call.hungUp, "BYE after wakeUp.announceSeconds");
        assertEquals(0, ownCalls.inProgress());
        WakeUpCall delivered = only(journal.of(WakeUpCall.class));
        assertEquals(WakeUpOutcome.ANSWERED, delivered.outcome());
        assertTrue(delivered.chargeable());
        assertEquals(LINE, delivered.subscriber());
        assertEquals(booking.id(), delivered.bookingId());
        assertEquals(1, delivered.attempt());
        assertEquals(call.callId(), delivered.callId());
        assertEquals(call.icid(), delivered.icid());
        assertEquals(List.of(JournalEvent.CallAttempt.class, JournalEvent.CallAlerting.class,
                JournalEvent.CallAnswer.class, JournalEvent.CallRelease.class, WakeUpCall.class),
                journal.events.stream().map(Object::getClass).toList(), "the call is journaled as a placed call");
        assertEquals(JournalEvent.Pass.PLACED, journal.of(JournalEvent.CallAttempt.class).get(0).pass());
        assertTrue(bookings(LINE).isEmpty(), "a once-booking is gone once delivered");
        assertEquals(List.of(WakeUpOutcome.ANSWERED), counted);
    }

    @Test
    void aDailyBookingMovesToTheNextDayOnceDelivered() {
        subscribed(LINE);
        store.book(LINE, SEVEN, true, calendar.next(SEVEN, clock.instant()));
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(30));
        core.last().answer();
        core.last().hangUpByLine();

        WakeUpBooking tomorrow = only(bookings(LINE));
        assertEquals(Instant.parse("2026-12-08T02:00:00Z"), tomorrow.due());
        assertEquals(tomorrow.due(), tomorrow.nextAttempt());
        assertEquals(0, tomorrow.attempts());
        assertEquals(WakeUpBooking.Status.SCHEDULED, tomorrow.status());

        scheduler.advance(Duration.ofDays(1));
        assertEquals(2, core.calls.size(), "called again the next morning");
        assertEquals(Instant.parse("2026-12-08T02:00:00Z"), core.last().placedAt);
    }

    @Test
    void aBusyLineIsCalledAgainAfterTheRetryTimeAndAnsweredThen() {
        subscribed(LINE);
        bookOnce(LINE, SEVEN);
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(30));
        core.last().reject(486);

        WakeUpBooking retrying = only(bookings(LINE));
        assertEquals(WakeUpBooking.Status.RETRYING, retrying.status());
        assertEquals(1, retrying.attempts());
        assertEquals(Instant.parse("2026-12-07T02:05:00Z"), retrying.nextAttempt(), "wakeUp.retryMinutes later");
        scheduler.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertEquals(1, core.calls.size());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(2, core.calls.size());
        core.last().answer();
        core.last().hangUpByLine();

        assertEquals(List.of(WakeUpOutcome.BUSY, WakeUpOutcome.ANSWERED),
                journal.of(WakeUpCall.class).stream().map(WakeUpCall::outcome).toList());
        assertEquals(List.of(1, 2), journal.of(WakeUpCall.class).stream().map(WakeUpCall::attempt).toList());
        assertTrue(bookings(LINE).isEmpty());
    }

    @Test
    void threeUnansweredAttemptsAreCancelledAfterTheRingTimeAndThenTheBookingIsGone() {
        subscribed(LINE);
        bookOnce(LINE, SEVEN);
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(30));
        for (int attempt = 1; attempt <= 3; attempt++) {
            ScriptedPlacer.Line ringing = core.last();
            scheduler.advance(Duration.ofSeconds(59));
            assertFalse(ringing.cancelled, "rings for wakeUp.ringSeconds");
            scheduler.advance(Duration.ofSeconds(1));
            assertTrue(ringing.cancelled, "attempt " + attempt + " cancelled after 60 s");
            scheduler.advance(Duration.ofMinutes(5));
        }

        assertEquals(3, core.calls.size(), "wakeUp.attempts in all");
        assertEquals(List.of(WakeUpOutcome.NO_ANSWER, WakeUpOutcome.NO_ANSWER, WakeUpOutcome.NO_ANSWER),
                journal.of(WakeUpCall.class).stream().map(WakeUpCall::outcome).toList());
        assertEquals(3, journal.of(WakeUpCall.class).get(2).attempt());
        assertTrue(bookings(LINE).isEmpty(), "given up: the once-booking is gone");
        assertTrue(journal.of(WakeUpCall.class).stream().noneMatch(WakeUpCall::chargeable));
    }

    @Test
    void aLineTheServerKnowsIsInACallIsBusyWithoutBeingCalled() {
        subscribed(LINE);
        bookOnce(LINE, SEVEN);
        linesInCall.add(LINE);
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(30));

        assertTrue(core.calls.isEmpty());
        WakeUpCall busy = only(journal.of(WakeUpCall.class));
        assertEquals(WakeUpOutcome.BUSY, busy.outcome());
        assertEquals(1, busy.attempt());
        assertEquals(1, only(bookings(LINE)).attempts());

        linesInCall.clear();
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(1, core.calls.size(), "the retry calls the line, free now");
    }

    @Test
    void unreachableLinesAreRetriedAsBusyOnesAre() {
        assertEquals(WakeUpOutcome.UNREACHABLE, WakeUpAttempt.outcomeOf(408, false));
        assertEquals(WakeUpOutcome.UNREACHABLE, WakeUpAttempt.outcomeOf(480, false));
        assertEquals(WakeUpOutcome.UNREACHABLE, WakeUpAttempt.outcomeOf(503, false));
        assertEquals(WakeUpOutcome.BUSY, WakeUpAttempt.outcomeOf(600, false));
        assertEquals(WakeUpOutcome.NO_ANSWER, WakeUpAttempt.outcomeOf(487, true));

        subscribed(LINE);
        bookOnce(LINE, SEVEN);
        start(WakeUpSettings.DEFAULTS);
        scheduler.advance(Duration.ofSeconds(30));
        core.last().reject(480);

        assertEquals(WakeUpOutcome.UNREACHABLE, only(journal.of(WakeUpCall.class)).outcome());
        assertEquals(WakeUpBooking.Status.RETRYING, only(bookings(LINE)).status());
    }

    @Test
    void aBurstOfBookingsForOneMinuteGoesOutInBookingOrderNoFasterThanTheConfiguredRate() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String number = String.format("+7727212%04d", i);
            numbers.add(number);
            subscribed(number);
            bookOnce(number, SEVEN);
        }
        start(WakeUpSettings.DEFAULTS.withPace(20, 1_000));

        scheduler.advance(Duration.ofSeconds(30 + 10));

        assertEquals(numbers, core.calls.stream().map(c -> c.call.targetNumber()).toList());
        for (int i = 1; i < core.calls.size(); i++) {
            Duration gap = Duration.between(core.calls.get(i - 1).placedAt, core.calls.get(i).placedAt);
            assertTrue(gap.compareTo(Duration.ofMillis(50)) >= 0, "call " + i + " came " + gap + " after the one before");
        }
        assertTrue(core.last().placedAt.isBefore(Instant.parse("2026-12-07T02:00:05Z")),
                "100 calls at 20/s take 5 s: " + core.last().placedAt);
    }

    @Test
    void aCallThatTakesLongToPlaceDoesNotLetTheNextOnesFollowAtOnce() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String number = String.format("+7727212%04d", i);
            numbers.add(number);
            subscribed(number);
            bookOnce(number, SEVEN);
        }
        // The first call keeps the timer thread 120 ms (the slots of the next two pass meanwhile); so does the 25th.
        core.whilePlacing = () -> {
            if (core.calls.size() == 1 || core.calls.size() == 25) {
                clock.advance(Duration.ofMillis(120));
            }
        };
        start(WakeUpSettings.DEFAULTS.withPace(20, 1_000));

        scheduler.advance(Duration.ofSeconds(30 + 10));

        assertEquals(numbers, core.calls.stream().map(c -> c.call.targetNumber()).toList());
        for (int i = 1; i < core.calls.size(); i++) {
            Duration gap = Duration.between(core.calls.get(i - 1).placedAt, core.calls.get(i).placedAt);
            assertTrue(gap.compareTo(Duration.ofMillis(50)) >= 0, "call " + i + " came " + gap
                    + " after the one before");
        }
    }

    @Test
    void noMoreThanMaxInProgressAtOnceTheRestWait() {
        for (int i = 0; i < 5; i++) {
            subscribed("+7727212000" + i);
            bookOnce("+7727212000" + i, SEVEN);
        }
        start(WakeUpSettings.DEFAULTS.withPace(20, 2));

        scheduler.advance(Duration.ofSeconds(40));
        assertEquals(2, core.calls.size());

        core.calls.get(0).answer();
        core.calls.get(0).hangUpByLine();
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(3, core.calls.size(), "one ended, one more placed");
    }

    @Test
    void whileTheJournalTakesNoCallsWakeUpCallsWaitInsteadOfBeingDropped() {
        subscribed(LINE);
        bookOnce(LINE, SEVEN);
        journalTakesCalls = false;
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(90));
        assertTrue(core.calls.isEmpty());
        assertEquals(WakeUpBooking.Status.SCHEDULED, only(bookings(LINE)).status());

        journalTakesCalls = true;
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(1, core.calls.size());
    }

    @Test
    void whileTheSipSideIsCongestedWakeUpCallsWaitAndGoOutInOrderOnceItIsNot() {
        subscribed(LINE);
        subscribed("+77272123457");
        bookOnce(LINE, SEVEN);
        bookOnce("+77272123457", SEVEN);
        core.room = false;
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(45));
        assertTrue(core.calls.isEmpty());
        assertEquals(WakeUpBooking.Status.SCHEDULED, only(bookings(LINE)).status());

        core.room = true;
        scheduler.advance(Duration.ofMillis(1_050)); // the next look, then one call each 50 ms
        assertEquals(List.of(LINE, "+77272123457"), core.calls.stream().map(c -> c.call.targetNumber()).toList());
    }

    @Test
    void aMinuteMissedWhileTheServerWasDownIsCalledWithinTheLatenessAndRecordedAsMissedAfterIt() {
        subscribed(LINE);
        subscribed("+77272123457");
        store.book(LINE, LocalTime.of(6, 52), false, Instant.parse("2026-12-07T01:52:00Z"));
        store.book("+77272123457", LocalTime.of(6, 45), true, Instant.parse("2026-12-07T01:45:00Z"));
        start(WakeUpSettings.DEFAULTS); // at 06:59:30: 7.5 and 14.5 minutes late

        scheduler.advance(Duration.ZERO);

        assertEquals(List.of(LINE), core.calls.stream().map(c -> c.call.targetNumber()).toList());
        WakeUpCall missed = only(journal.of(WakeUpCall.class));
        assertEquals(WakeUpOutcome.MISSED, missed.outcome());
        assertEquals("+77272123457", missed.subscriber());
        assertEquals(0, missed.attempt());
        WakeUpBooking daily = store.find("+77272123457", true).orElseThrow();
        assertEquals(Instant.parse("2026-12-08T01:45:00Z"), daily.nextAttempt(), "a daily one moves to tomorrow");
    }

    @Test
    void aLineNoLongerSubscribedOrSuspendedIsSkipped() {
        lines.put(LINE, TestSubscribers.plain(LINE));
        String suspended = "+77272123457";
        lines.put(suspended, TestSubscribers.full(suspended).withStatus(LineStatus.SUSPENDED));
        bookOnce(LINE, SEVEN);
        bookOnce(suspended, SEVEN);
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ofSeconds(30));

        assertTrue(core.calls.isEmpty());
        assertEquals(List.of(WakeUpOutcome.SKIPPED, WakeUpOutcome.SKIPPED),
                journal.of(WakeUpCall.class).stream().map(WakeUpCall::outcome).toList());
        assertTrue(bookings(LINE).isEmpty());
        assertTrue(bookings(suspended).isEmpty());
    }

    @Test
    void bookingsDueInTheNextHourAreCounted() {
        bookOnce(LINE, SEVEN);
        bookOnce("+77272123457", LocalTime.of(7, 59));
        bookOnce("+77272123458", LocalTime.of(8, 0));
        start(WakeUpSettings.DEFAULTS);

        scheduler.advance(Duration.ZERO);

        assertEquals(2, dialer.dueNextHour());
    }

    private void start(WakeUpSettings config) {
        dialer = new WakeUpDialer(store, calendar, config, core, (callId, prompt) -> {
            played.add(prompt.toCompletableFuture().join());
            return SILENT;
        }, Tone.WAKE_UP, journal, NumberingPlan.builtIn(), number -> Optional.ofNullable(lines.get(number)),
                linesInCall::contains, ownCalls, () -> journalTakesCalls, counted::add, clock, scheduler, Runnable::run,
                "node-1").start();
    }

    private List<WakeUpBooking> bookings(String number) {
        return store.list(number);
    }

    private void subscribed(String number) {
        lines.put(number, TestSubscribers.full(number));
    }

    private WakeUpBooking bookOnce(String number, LocalTime time) {
        return store.book(number, time, false, calendar.next(time, clock.instant()));
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static final LocalMedia SILENT = new LocalMedia() {
        @Override public String sdpAnswer(String sdpOffer) { return "v=0"; }
        @Override public void start(Runnable hangUp) { }
        @Override public void close() { }
    };
}
