package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallOutcome;
import kz.btcom.fs.call.CallPlacer;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The core and the lines behind it, played by the test: each placed call is a {@link Line} the test answers,
 * rejects or leaves ringing; the server's cancel and hang-up end it as the adapter would (487, BYE). Events run at
 * once on the test's thread, which stands for the call's lane.
 */
final class ScriptedPlacer implements CallPlacer {

    final List<Line> calls = new ArrayList<>();
    /** Whether the SIP side has room for the server's own calls (false: it is congested). */
    boolean room = true;
    /** Runs as each call is placed, after it is recorded: e.g. the time placing takes on the caller's thread. */
    Runnable whilePlacing = () -> { };
    private final Clock clock;

    ScriptedPlacer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public PlacedCall place(OutgoingCall call, PlacedCallEvents events) {
        Line line = new Line(call, events, "wake-" + (calls.size() + 1), clock.instant());
        calls.add(line);
        events.onPlaced(line);
        events.onProvisional(180, line);
        whilePlacing.run();
        return line;
    }

    @Override
    public boolean hasRoom() {
        return room;
    }

    Line last() {
        return calls.get(calls.size() - 1);
    }

    /** One placed call, as the line behind the core handles it. */
    final class Line implements PlacedCall {
        final OutgoingCall call;
        final Instant placedAt;
        private final PlacedCallEvents events;
        private final String callId;
        private Optional<Instant> answeredAt = Optional.empty();
        boolean cancelled;
        boolean hungUp;
        boolean ended;

        Line(OutgoingCall call, PlacedCallEvents events, String callId, Instant placedAt) {
            this.call = call;
            this.events = events;
            this.callId = callId;
            this.placedAt = placedAt;
        }

        void answer() {
            answeredAt = Optional.of(clock.instant());
            events.onAnswered(this);
        }

        void reject(int status) {
            events.onFailed(status, this);
            end(CallOutcome.UNANSWERED, status, CallEnd.Releaser.CALLEE);
        }

        void hangUpByLine() {
            end(CallOutcome.ANSWERED, 200, CallEnd.Releaser.CALLEE);
        }

        @Override
        public String callId() {
            return callId;
        }

        @Override
        public String icid() {
            return "icid-" + callId;
        }

        @Override
        public void cancel() {
            if (answeredAt.isPresent()) {
                hangUp();
                return;
            }
            cancelled = true;
            events.onFailed(487, this);
            end(CallOutcome.CANCELLED, 487, CallEnd.Releaser.SERVER);
        }

        @Override
        public void hangUp() {
            if (answeredAt.isEmpty()) {
                cancel();
                return;
            }
            hungUp = true;
            end(CallOutcome.ANSWERED, 200, CallEnd.Releaser.SERVER);
        }

        private void end(CallOutcome outcome, int status, CallEnd.Releaser releaser) {
            if (ended) {
                return;
            }
            ended = true;
            events.onEnded(new CallEnd(outcome, status, releaser, Optional.of(placedAt), answeredAt,
                    clock.instant(), List.of()));
        }
    }
}
