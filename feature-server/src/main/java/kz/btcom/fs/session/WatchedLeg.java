package kz.btcom.fs.session;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.OnwardLeg;

import java.time.Duration;
import java.util.Optional;

/**
 * One onward leg's events as the B2BUA reports them, told to the call's callee listeners first and then to the
 * leg's own watcher. A leg the watcher puts in this one's place (its answer to a failure, or a redirect it makes
 * on its own, from a no-reply timer) is watched the same way.
 */
final class WatchedLeg implements CalleeEvents {

    private final CalleeEvents watcher;
    private final SessionCall call;
    /** The B2BUA gives each leg one control: it is wrapped once. */
    private CallControl control;
    private CallControl watchedControl;

    WatchedLeg(CalleeEvents watcher, SessionCall call) {
        this.watcher = watcher;
        this.call = call;
    }

    /** The leg's own watcher, as the services set it. */
    CalleeEvents watcher() {
        return watcher;
    }

    @Override
    public void onCalleeTried(CallControl control) {
        watcher.onCalleeTried(watched(control));
    }

    @Override
    public void onRinging(CallControl control) {
        call.ringing();
        watcher.onRinging(watched(control));
    }

    @Override
    public void onAnswered(CallControl control) {
        call.answered();
        watcher.onAnswered(watched(control));
    }

    @Override
    public Optional<OnwardLeg> onCalleeFailed(int status, CallControl control) {
        return watcher.onCalleeFailed(status, watched(control)).map(call::watch);
    }

    @Override
    public void onEnded() {
        watcher.onEnded();
    }

    private CallControl watched(CallControl given) {
        if (given != control) {
            control = given;
            watchedControl = new CallControl() {
                @Override
                public String callId() {
                    return given.callId();
                }

                @Override
                public Timer schedule(Duration delay, Runnable task) {
                    return given.schedule(delay, task);
                }

                @Override
                public void redirect(OnwardLeg next) {
                    given.redirect(call.watch(next));
                }
            };
        }
        return watchedControl;
    }
}
