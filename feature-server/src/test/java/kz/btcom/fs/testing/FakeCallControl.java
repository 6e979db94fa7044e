package kz.btcom.fs.testing;

import kz.btcom.fs.call.CallControl;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.time.FakeScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The B2BUA's side of a call for a service's state machine: timers on a fake clock, redirects recorded. */
public final class FakeCallControl implements CallControl {

    public final List<OnwardLeg> redirects = new ArrayList<>();
    private final FakeScheduler scheduler;

    public FakeCallControl(FakeScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public String callId() {
        return "call-1@core";
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        kz.btcom.fs.time.Scheduler.Timer timer = scheduler.schedule(delay, task);
        return timer::cancel;
    }

    @Override
    public void redirect(OnwardLeg next) {
        redirects.add(next);
    }
}
