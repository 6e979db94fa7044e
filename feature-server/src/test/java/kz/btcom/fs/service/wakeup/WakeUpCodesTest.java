package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.featurecode.Indication;
import kz.btcom.fs.service.ServedCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wake-up calls booked by feature code (PRODUCT.md service 3): {@code *55*HHMM#} once at the next HH:MM,
 * {@code *56*HHMM#} every day, {@code #55#} / {@code #56#} cancel, {@code *#55#} / {@code *#56#} check. The
 * subscriber hears the positive indication when it worked (and, for a check, when there is a booking). The
 * clock says 2026-11-25 13:00 in Almaty (08:00 UTC); the bookings are in a real (H2) database.
 */
class WakeUpCodesTest {

    static final String A = "+77272777101";

    final ServedCalls calls = new ServedCalls();
    final WakeUpStore store = calls.services.wakeUpStore;

    @AfterEach
    void close() {
        calls.close();
    }

    /** Dials the code, and returns what was played once it is known. */
    private Indication dial(String subscriber, String code) {
        CallDecision decision = calls.call(withCallId(call(subscriber, code), "code-" + code));
        assertInstanceOf(CallDecision.Answer.class, decision, "a feature code is answered by the server");
        List<?> asked = calls.services.confirmations.asked;
        return calls.services.confirmations.asked.get(asked.size() - 1).toCompletableFuture().join();
    }

    private FeatureCodeUse journaled() {
        List<FeatureCodeUse> uses = calls.services.journal.of(FeatureCodeUse.class);
        return uses.get(uses.size() - 1);
    }

    @Test
    void starFiftyFiveBooksOneCallAtTheNextSuchMinuteTomorrowWhenTodaysIsOver() {
        calls.provision(line(A));

        assertEquals(Indication.POSITIVE, dial(A, "*55*0630#"));

        WakeUpBooking booking = store.find(A, false).orElseThrow();
        assertEquals(LocalTime.of(6, 30), booking.time());
        assertEquals(Instant.parse("2026-11-26T01:30:00Z"), booking.due(), "06:30 in Almaty, the next morning");
        assertEquals(WakeUpBooking.Status.SCHEDULED, booking.status());
        assertEquals(Optional.empty(), store.find(A, true));
        assertEquals(new FeatureCodeUse("code-*55*0630#", calls.services.clock.instant(), A, "wakeUpOnce.activate",
                true), journaled());
    }

    @Test
    void aMinuteStillToComeTodayIsBookedForToday() {
        calls.provision(line(A));

        assertEquals(Indication.POSITIVE, dial(A, "*55*1401#"));

        assertEquals(Instant.parse("2026-11-25T09:01:00Z"), store.find(A, false).orElseThrow().due());
    }

    @Test
    void starFiftySixBooksADailyCallBesideTheOnceBooking() {
        calls.provision(line(A));
        dial(A, "*55*0630#");

        assertEquals(Indication.POSITIVE, dial(A, "*56*0700#"));

        WakeUpBooking daily = store.find(A, true).orElseThrow();
        assertEquals(LocalTime.of(7, 0), daily.time());
        assertEquals(Instant.parse("2026-11-26T02:00:00Z"), daily.due());
        assertTrue(store.find(A, false).isPresent(), "the once-booking stays");
        assertEquals("wakeUpDaily.activate", journaled().operation());
    }

    @Test
    void aNewCodeReplacesTheLinesBookingOfItsKind() {
        calls.provision(line(A));
        dial(A, "*56*0630#");
        long first = store.find(A, true).orElseThrow().id();

        assertEquals(Indication.POSITIVE, dial(A, "*56*0545#"));

        assertEquals(1, store.list(A).size());
        WakeUpBooking now = store.find(A, true).orElseThrow();
        assertEquals(LocalTime.of(5, 45), now.time());
        assertNotEquals(first, now.id());
    }

    @Test
    void anHourOrMinuteOutOfRangeIsNegativeAndBooksNothing() {
        calls.provision(line(A));

        for (String code : List.of("*55*2410#", "*55*0760#", "*56*2400#", "*55*630#", "*56*06300#")) {
            assertEquals(Indication.NEGATIVE, dial(A, code), code);
            assertEquals(false, journaled().positive(), code);
        }
        assertEquals(List.of(), store.list(A));
    }

    @Test
    void aLineNotSubscribedToWakeUpCallsGetsTheNegativeIndicationAndNoBooking() {
        calls.provision(line(A).withoutWakeUp());

        assertEquals(Indication.NEGATIVE, dial(A, "*55*0630#"));
        assertEquals(Indication.NEGATIVE, dial(A, "*56*0630#"));

        assertEquals(List.of(), store.list(A));
        assertEquals(new FeatureCodeUse("code-*56*0630#", calls.services.clock.instant(), A, "wakeUpDaily.activate",
                false), journaled());
    }

    @Test
    void aSuspendedLineGetsTheNegativeIndicationAndNoBookingNorAnAnswerAboutOne() {
        calls.provision(line(A));
        dial(A, "*55*0630#");
        calls.provision(line(A).suspended());

        assertEquals(Indication.NEGATIVE, dial(A, "*56*0630#"));
        assertEquals(Indication.NEGATIVE, dial(A, "*#55#"), "a suspended line cannot ask about its settings");
        assertEquals(Indication.NEGATIVE, dial(A, "#55#"));

        assertEquals(List.of(LocalTime.of(6, 30)), store.list(A).stream().map(WakeUpBooking::time).toList(),
                "the booking made before is kept, neither cancelled nor joined by another");
    }

    @Test
    void hashFiftyFiveCancelsTheOnceBookingOnly() {
        calls.provision(line(A));
        dial(A, "*55*0630#");
        dial(A, "*56*0700#");

        assertEquals(Indication.POSITIVE, dial(A, "#55#"));

        assertEquals(Optional.empty(), store.find(A, false));
        assertTrue(store.find(A, true).isPresent());
        assertEquals("wakeUpOnce.deactivate", journaled().operation());
    }

    @Test
    void cancellingWhenNothingIsBookedIsNegative() {
        calls.provision(line(A));
        dial(A, "*55*0630#");

        assertEquals(Indication.NEGATIVE, dial(A, "#56#"));
        assertEquals(false, journaled().positive());
        assertTrue(store.find(A, false).isPresent());
    }

    @Test
    void theCheckIsPositiveWhenTheLineHasABookingOfThatKind() {
        calls.provision(line(A));
        assertEquals(Indication.NEGATIVE, dial(A, "*#55#"));
        dial(A, "*55*0630#");

        assertEquals(Indication.POSITIVE, dial(A, "*#55#"));
        assertEquals(Indication.NEGATIVE, dial(A, "*#56#"));
        assertEquals("wakeUpDaily.check", journaled().operation());
        dial(A, "#55#");
        assertEquals(Indication.NEGATIVE, dial(A, "*#55#"));
    }

    @Test
    void aDatabaseThatFailsBooksNothingAndTheUseIsJournaledAsNotPositive() {
        calls.provision(line(A));
        calls.services.database.close();

        calls.call(withCallId(call(A, "*55*0630#"), "down"));

        CompletionStage<Indication> indication = calls.services.confirmations.asked.get(0);
        assertThrows(CompletionException.class, () -> indication.toCompletableFuture().join(),
                "the player plays the negative indication for a failed one");
        assertEquals(new FeatureCodeUse("down", calls.services.clock.instant(), A, "wakeUpOnce.activate", false),
                journaled());
    }
}
