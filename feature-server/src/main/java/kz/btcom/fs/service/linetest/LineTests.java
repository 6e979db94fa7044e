package kz.btcom.fs.service.linetest;

import kz.btcom.fs.billing.CallEvents;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.media.Announcements;
import kz.btcom.fs.media.Tone;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.service.journal.PlacedCallJournal;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A technician's line test: the server rings a subscriber's line itself, from the service desk's number, plays the
 * positive indication tone when the line answers, and hangs up when the tone ends. It goes through the core like any
 * call to the line (so the test covers the core's routing and the line, not only our server) and is journaled like
 * one (attempt, alerting, answer, release) in the pass {@code PLACED}, which the rating charges to nobody. Coming
 * back to the line through the core, it is the server's own call ({@link OwnCalls}): not forwarded, not waiting.
 */
public final class LineTests {

    /** What the subscriber's telephone shows. */
    static final String CALLER_NAME = "BTcom line test";

    private final CallPlacer placer;
    private final Announcements media;
    private final CallEvents journal;
    private final NumberingPlan numbering;
    private final Clock clock;
    private final String callerNumber;
    private final OwnCalls ownCalls;

    /** @param callerNumber who the test call is from, in E.164 with '+' (lineTest.callerNumber) */
    public LineTests(CallPlacer placer, Announcements media, CallEvents journal, NumberingPlan numbering, Clock clock,
                     String callerNumber, OwnCalls ownCalls) {
        this.placer = Objects.requireNonNull(placer, "placer");
        this.media = Objects.requireNonNull(media, "media");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callerNumber = Objects.requireNonNull(callerNumber, "callerNumber");
        this.ownCalls = Objects.requireNonNull(ownCalls, "ownCalls");
    }

    /**
     * Rings {@code line} (E.164 with '+').
     *
     * @throws IllegalStateException when the server places no calls now (shutting down)
     */
    public PlacedCall ring(String line) {
        LocalMedia tone = media.announcement("line test of " + line, CompletableFuture.completedFuture(Tone.POSITIVE));
        PlacedCallJournal journaled = new PlacedCallJournal(journal, clock, callerNumber, line,
                numbering.classify(line, numbering.areaOf(callerNumber)));
        return placer.place(new OutgoingCall(line, callerNumber, Optional.of(CALLER_NAME), tone, Map.of()),
                ownCalls.tracking(journaled));
    }
}
