package kz.btcom.fs.service.mcid;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.service.callreturn.LastCall;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.waiting.CallsInProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Malicious call identification (TS 24.616): a subscriber flags its last incoming call, by {@code *39#} during it
 * (DTMF in the call, or the code dialled on a second line) or within {@value #MINUTES_AFTER_THE_CALL} minutes after
 * it ended. The record (victim, the caller as identified even when restricted, time, Call-ID, origin) is written to
 * the database off the call's thread and then journaled as the victim's chargeable event; the answer says whether
 * it was, and the victim hears only that (positive or negative), never the record.
 */
public final class MaliciousCallReports {

    static final int MINUTES_AFTER_THE_CALL = 5;
    private static final Duration AFTER_THE_CALL = Duration.ofMinutes(MINUTES_AFTER_THE_CALL);
    private static final Logger log = LoggerFactory.getLogger(MaliciousCallReports.class);

    private final MaliciousCallStore store;
    private final LastCallers lastCallers;
    private final CallsInProgress calls;
    private final CallEvents journal;
    private final Clock clock;
    private final Executor writer;

    /** @param writer where the database write runs (never a call's lane) */
    public MaliciousCallReports(MaliciousCallStore store, LastCallers lastCallers, CallsInProgress calls,
                                CallEvents journal, Clock clock, Executor writer) {
        this.store = Objects.requireNonNull(store, "store");
        this.lastCallers = Objects.requireNonNull(lastCallers, "lastCallers");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * {@code *39#} dialled: flags the victim's last incoming call when it is still in progress or ended at most five
     * minutes ago. Completes with whether a record was made.
     */
    public CompletionStage<Boolean> flagLastCall(String victim) {
        Optional<LastCall> last = lastCallers.of(victim);
        if (last.isEmpty()) {
            log.info("{} flagged a malicious call, but has had no incoming call", victim);
            return CompletableFuture.completedFuture(false);
        }
        LastCall call = last.get();
        Instant now = clock.instant();
        // No end noted (the server restarted during the call): its start is all there is to go by.
        Instant ended = call.endedAt().orElse(call.receivedAt());
        if (!calls.isIn(victim, call.callId()) && ended.plus(AFTER_THE_CALL).isBefore(now)) {
            log.info("{} flagged a malicious call, but its last call {} ended more than {} minutes ago", victim,
                    call.callId(), MINUTES_AFTER_THE_CALL);
            return CompletableFuture.completedFuture(false);
        }
        return flag(victim, call);
    }

    /** Flags this call of the victim's (the digits came in the call itself). */
    public CompletionStage<Boolean> flag(String victim, LastCall call) {
        Instant now = clock.instant();
        MaliciousCallRecord record = new MaliciousCallRecord(victim, call.callerNumber(), call.callerUri(),
                call.restricted(), call.callId(), call.receivedAt(), now, call.origin());
        CompletableFuture<Boolean> written;
        try {
            written = CompletableFuture.supplyAsync(() -> {
            store.add(record);
            journal.maliciousCall(new JournalEvent.MaliciousCallIdentification(call.callId(), now, victim,
                    call.callerNumber(), call.restricted(), call.origin().kind().jsonName(), call.origin().value()));
            log.info("call {}: {} flagged it as malicious; the record is made (origin: {})", call.callId(), victim,
                    call.origin().kind().jsonName());
            return true;
            }, writer);
        } catch (RejectedExecutionException e) {
            written = CompletableFuture.failedFuture(e); // shutting down
        }
        return written.exceptionally(failure -> {
            log.warn("call {}: {} flagged it as malicious, but the record could not be written: {}", call.callId(),
                    victim, failure.toString());
            return false;
        });
    }
}
