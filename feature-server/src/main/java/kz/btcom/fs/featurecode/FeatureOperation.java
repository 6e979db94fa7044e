package kz.btcom.fs.featurecode;

import kz.btcom.fs.subscriber.ForwardingKind;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Every operation a feature code can name, with the yaml key it has in {@code config/feature-codes.yaml} and the
 * placeholders its code must carry. The table says which digits; this says what they mean.
 */
public enum FeatureOperation {
    CALL_WAITING_ACTIVATE("callWaiting.activate", List.of(), v -> new FeatureRequest.CallWaitingSwitch(true)),
    CALL_WAITING_DEACTIVATE("callWaiting.deactivate", List.of(), v -> new FeatureRequest.CallWaitingSwitch(false)),
    CALL_WAITING_CHECK("callWaiting.check", List.of(), v -> new FeatureRequest.CallWaitingCheck()),

    FORWARD_UNCONDITIONAL_ACTIVATE("forwardUnconditional.activate", List.of("N"),
            v -> set(ForwardingKind.UNCONDITIONAL, v)),
    FORWARD_UNCONDITIONAL_DEACTIVATE("forwardUnconditional.deactivate", List.of(),
            v -> new FeatureRequest.ForwardingClear(ForwardingKind.UNCONDITIONAL)),
    FORWARD_UNCONDITIONAL_CHECK("forwardUnconditional.check", List.of(),
            v -> new FeatureRequest.ForwardingCheck(ForwardingKind.UNCONDITIONAL)),

    FORWARD_BUSY_ACTIVATE("forwardBusy.activate", List.of("N"), v -> set(ForwardingKind.BUSY, v)),
    FORWARD_BUSY_DEACTIVATE("forwardBusy.deactivate", List.of(),
            v -> new FeatureRequest.ForwardingClear(ForwardingKind.BUSY)),
    FORWARD_BUSY_CHECK("forwardBusy.check", List.of(), v -> new FeatureRequest.ForwardingCheck(ForwardingKind.BUSY)),

    FORWARD_NO_REPLY_ACTIVATE("forwardNoReply.activate", List.of("N"), v -> set(ForwardingKind.NO_REPLY, v)),
    FORWARD_NO_REPLY_ACTIVATE_WITH_TIMER("forwardNoReply.activateWithTimer", List.of("N", "T"),
            v -> set(ForwardingKind.NO_REPLY, v)),
    FORWARD_NO_REPLY_DEACTIVATE("forwardNoReply.deactivate", List.of(),
            v -> new FeatureRequest.ForwardingClear(ForwardingKind.NO_REPLY)),
    FORWARD_NO_REPLY_CHECK("forwardNoReply.check", List.of(),
            v -> new FeatureRequest.ForwardingCheck(ForwardingKind.NO_REPLY)),

    FORWARD_NOT_REACHABLE_ACTIVATE("forwardNotReachable.activate", List.of("N"),
            v -> set(ForwardingKind.NOT_REACHABLE, v)),
    FORWARD_NOT_REACHABLE_DEACTIVATE("forwardNotReachable.deactivate", List.of(),
            v -> new FeatureRequest.ForwardingClear(ForwardingKind.NOT_REACHABLE)),
    FORWARD_NOT_REACHABLE_CHECK("forwardNotReachable.check", List.of(),
            v -> new FeatureRequest.ForwardingCheck(ForwardingKind.NOT_REACHABLE)),

    CANCEL_ALL_FORWARDING("cancelAllForwarding.deactivate", List.of(), v -> new FeatureRequest.ForwardingCancelAll()),

    BARRING_ACTIVATE("barring.activate", List.of("PIN", "K"), FeatureOperation::barringSet),
    BARRING_DEACTIVATE("barring.deactivate", List.of("PIN"), v -> new FeatureRequest.BarringClear(v.get(0))),
    BARRING_CHECK("barring.check", List.of(), v -> new FeatureRequest.BarringCheck()),
    PIN_CHANGE("changePin.activate", List.of("OLD", "NEW", "NEW"),
            v -> new FeatureRequest.PinChange(v.get(0), v.get(1), v.get(2))),

    WAKE_UP_ONCE_ACTIVATE("wakeUpOnce.activate", List.of("HHMM"), v -> wakeUp(false, v.get(0))),
    WAKE_UP_ONCE_DEACTIVATE("wakeUpOnce.deactivate", List.of(), v -> new FeatureRequest.WakeUpCancel(false)),
    WAKE_UP_ONCE_CHECK("wakeUpOnce.check", List.of(), v -> new FeatureRequest.WakeUpCheck(false)),
    WAKE_UP_DAILY_ACTIVATE("wakeUpDaily.activate", List.of("HHMM"), v -> wakeUp(true, v.get(0))),
    WAKE_UP_DAILY_DEACTIVATE("wakeUpDaily.deactivate", List.of(), v -> new FeatureRequest.WakeUpCancel(true)),
    WAKE_UP_DAILY_CHECK("wakeUpDaily.check", List.of(), v -> new FeatureRequest.WakeUpCheck(true)),

    LAST_CALLER_RETURN("lastCallerReturn.activate", List.of(), v -> new FeatureRequest.LastCallerReturn()),
    MALICIOUS_CALL("maliciousCall.activate", List.of(), v -> new FeatureRequest.MaliciousCallReport());

    private final String key;
    private final List<String> placeholders;
    private final Function<List<String>, FeatureRequest> request;

    FeatureOperation(String key, List<String> placeholders, Function<List<String>, FeatureRequest> request) {
        this.key = key;
        this.placeholders = placeholders;
        this.request = request;
    }

    /** {@code service.operation}, as in the yaml. */
    public String key() {
        return key;
    }

    /** The placeholders the code must have, in this order (a repeated one, like NEW, appears twice). */
    public List<String> placeholders() {
        return placeholders;
    }

    /** The request for the values a dialled code filled in; empty when they make no sense (hour 25). */
    Optional<FeatureRequest> request(List<String> values) {
        try {
            return Optional.of(request.apply(values));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }

    public static Optional<FeatureOperation> byKey(String key) {
        for (FeatureOperation operation : values()) {
            if (operation.key.equals(key)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    private static FeatureRequest set(ForwardingKind kind, List<String> values) {
        OptionalInt seconds = values.size() > 1 ? OptionalInt.of(parseSmall(values.get(1))) : OptionalInt.empty();
        return new FeatureRequest.ForwardingSet(kind, values.get(0), seconds);
    }

    private static FeatureRequest barringSet(List<String> values) {
        return new FeatureRequest.BarringSet(values.get(0), parseSmall(values.get(1)));
    }

    private static FeatureRequest wakeUp(boolean daily, String hhmm) {
        if (hhmm.length() != 4) {
            throw new IllegalArgumentException("HHMM is four digits");
        }
        return new FeatureRequest.WakeUpBook(daily,
                LocalTime.of(Integer.parseInt(hhmm.substring(0, 2)), Integer.parseInt(hhmm.substring(2))));
    }

    /** Digits that must be a small number (a level, seconds); very long ones are not. */
    private static int parseSmall(String digits) {
        if (digits.startsWith("+") || digits.length() > 4) {
            throw new IllegalArgumentException("not a small number: " + digits);
        }
        return Integer.parseInt(digits);
    }
}
