package kz.btcom.fs.subscriber;

/** Call waiting: subscribed by the operator, switched on and off by the subscriber ({@code *43#}, {@code #43#}). */
public record CallWaiting(boolean subscribed, boolean active) {

    public static final CallWaiting NONE = new CallWaiting(false, false);

    public CallWaiting withActive(boolean newActive) {
        return new CallWaiting(subscribed, newActive);
    }
}
