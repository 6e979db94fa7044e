package kz.btcom.fs.testing;

import kz.btcom.fs.subscriber.Barring;
import kz.btcom.fs.subscriber.CallWaiting;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.Subscriber;

import java.util.Optional;

/** A subscriber's profile written the way a test reads: {@code line(A).withClir().forwardsOnBusyTo(B)}. */
public final class Line {

    private Subscriber subscriber;

    private Line(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    /** Subscribed to everything, CLIP on, nothing set. */
    public static Line line(String number) {
        return new Line(TestSubscribers.full(number));
    }

    public Line forwardsUnconditionallyTo(String target) {
        return forwards(ForwardingKind.UNCONDITIONAL, target);
    }

    public Line forwardsOnBusyTo(String target) {
        return forwards(ForwardingKind.BUSY, target);
    }

    public Line forwardsOnNoReplyTo(String target, int seconds) {
        forwards(ForwardingKind.NO_REPLY, target);
        return services(s -> s.withForwarding(s.forwarding().withNoReplySeconds(seconds)));
    }

    public Line forwardsWhenNotReachableTo(String target) {
        return forwards(ForwardingKind.NOT_REACHABLE, target);
    }

    public Line barringLevel(int level) {
        return services(s -> s.withBarring(new Barring(true, level)));
    }

    public Line withClir() {
        return services(s -> new Services(s.clip(), true, s.callWaiting(), s.forwarding(), s.barring(), s.wakeUp(),
                s.callReturn(), s.threeWay(), s.mcid()));
    }

    public Line withoutClip() {
        return services(s -> new Services(false, s.clir(), s.callWaiting(), s.forwarding(), s.barring(), s.wakeUp(),
                s.callReturn(), s.threeWay(), s.mcid()));
    }

    /** Call waiting subscribed and switched on ({@code *43#}). */
    public Line withCallWaiting() {
        return services(s -> s.withCallWaiting(new CallWaiting(true, true)));
    }

    /** Call waiting subscribed but switched off. */
    public Line withCallWaitingOff() {
        return services(s -> s.withCallWaiting(new CallWaiting(true, false)));
    }

    /** Not subscribed to call waiting, whatever the subscriber switched. */
    public Line withoutCallWaitingSubscription() {
        return services(s -> s.withCallWaiting(new CallWaiting(false, s.callWaiting().active())));
    }

    public Line withoutCallReturn() {
        return services(s -> new Services(s.clip(), s.clir(), s.callWaiting(), s.forwarding(), s.barring(),
                s.wakeUp(), false, s.threeWay(), s.mcid()));
    }

    public Line withoutMcid() {
        return services(s -> new Services(s.clip(), s.clir(), s.callWaiting(), s.forwarding(), s.barring(),
                s.wakeUp(), s.callReturn(), s.threeWay(), false));
    }

    public Line withoutWakeUp() {
        return services(s -> new Services(s.clip(), s.clir(), s.callWaiting(), s.forwarding(), s.barring(), false,
                s.callReturn(), s.threeWay(), s.mcid()));
    }

    public Line suspended() {
        subscriber = subscriber.withStatus(LineStatus.SUSPENDED);
        return this;
    }

    public Subscriber profile() {
        return subscriber;
    }

    private Line forwards(ForwardingKind kind, String target) {
        return services(s -> s.withForwarding(s.forwarding().withTarget(kind, Optional.of(target))));
    }

    private Line services(java.util.function.UnaryOperator<Services> change) {
        subscriber = subscriber.withServices(change.apply(subscriber.services()));
        return this;
    }
}
