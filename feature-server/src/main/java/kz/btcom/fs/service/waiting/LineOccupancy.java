package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;

import java.util.Optional;

/**
 * Keeps a callee's line marked for as long as its leg of the call lasts: talking from its answer, free again when
 * the leg is left. Wraps the leg's other watcher (forwarding on no reply or not reachable), which decides as before.
 */
final class LineOccupancy implements CalleeEvents {

    private final LinesInCall lines;
    private final String number;
    private final CalleeEvents watcher;

    LineOccupancy(LinesInCall lines, String number, CalleeEvents watcher) {
        this.lines = lines;
        this.number = number;
        this.watcher = watcher;
    }

    @Override
    public void onCalleeTried(CallControl call) {
        watcher.onCalleeTried(call);
    }

    @Override
    public void onRinging(CallControl call) {
        watcher.onRinging(call);
    }

    @Override
    public void onAnswered(CallControl call) {
        lines.answered(number);
        watcher.onAnswered(call);
    }

    @Override
    public Optional<OnwardLeg> onCalleeFailed(int status, CallControl call) {
        return watcher.onCalleeFailed(status, call);
    }

    @Override
    public void onEnded() {
        try {
            watcher.onEnded();
        } finally {
            lines.left(number);
        }
    }
}
