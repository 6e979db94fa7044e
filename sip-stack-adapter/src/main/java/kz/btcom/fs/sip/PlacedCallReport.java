package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.message.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the placer of a call hears, and its media's end: when it rang and was answered, and its end exactly once.
 * A placer or media that fails costs the call nothing: it is logged, and the call goes on to its end. On the call's
 * lane, like the call.
 */
final class PlacedCallReport {

    private static final Logger LOG = LoggerFactory.getLogger(PlacedCallReport.class);

    private final String callId;
    private final PlacedCallEvents events;
    private final LocalMedia media;
    private final Clock clock;
    private Instant alertedAt;
    private Instant answeredAt;
    private boolean ended;
    private boolean mediaClosed;

    PlacedCallReport(String callId, PlacedCallEvents events, LocalMedia media, Clock clock) {
        this.callId = callId;
        this.events = events;
        this.media = media;
        this.clock = clock;
    }

    /** The INVITE is about to go out. */
    void placed(PlacedCall call) {
        tell("onPlaced", events -> events.onPlaced(call));
    }

    /** A 1xx other than 100; the first 180 is when the call rang. */
    void provisional(int status, PlacedCall call) {
        if (status == Response.RINGING && alertedAt == null) {
            alertedAt = clock.instant();
        }
        tell("onProvisional", events -> events.onProvisional(status, call));
    }

    /** The callee's 200: the call counts as answered from now, whatever the media then makes of it. */
    void answerArrived() {
        answeredAt = clock.instant();
    }

    void answered(PlacedCall call) {
        tell("onAnswered", events -> events.onAnswered(call));
    }

    /** The call failed: why, and then its end. Nothing once the end was told. */
    void failed(int status, CallOutcome outcome, CallEnd.Releaser releasedBy, PlacedCall call) {
        if (ended) {
            return;
        }
        tell("onFailed", events -> events.onFailed(status, call));
        end(status, outcome, releasedBy);
    }

    /** The end, decided now: told once, whatever comes after. */
    void end(int status, CallOutcome outcome, CallEnd.Releaser releasedBy) {
        if (ended) {
            return;
        }
        ended = true;
        CallEnd end = new CallEnd(outcome, status, releasedBy, Optional.ofNullable(alertedAt),
                Optional.ofNullable(answeredAt), clock.instant(), List.of());
        tell("onEnded", events -> events.onEnded(end));
    }

    boolean isEnded() {
        return ended;
    }

    void closeMedia() {
        if (mediaClosed) {
            return;
        }
        mediaClosed = true;
        try {
            media.close();
        } catch (RuntimeException e) {
            LOG.warn("call {}: the media failed to close", callId, e);
        }
    }

    private void tell(String what, Consumer<PlacedCallEvents> event) {
        try {
            event.accept(events);
        } catch (RuntimeException e) {
            LOG.error("call {}: the placer failed on {}", callId, what, e);
        }
    }
}
