package kz.btcom.fs.call;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the B2BUA is to send towards the core: the number to call (empty: the Request-URI as received), how the
 * caller is presented, the diversions so far (each becomes a History-Info entry and a Diversion header; when
 * there is any, the caller gets {@code 181 Call Is Being Forwarded} once), an optional {@code Alert-Info}, and
 * who watches the callee's answer (forwarding on busy or no reply, call waiting).
 */
public record OnwardLeg(Optional<String> targetNumber, Presentation presentation, List<Diversion> diversions,
                        Optional<String> alertInfo, CalleeEvents events) {

    public static final OnwardLeg AS_DIALLED = new OnwardLeg(Optional.empty(), Presentation.AS_RECEIVED, List.of(),
            Optional.empty(), CalleeEvents.NONE);

    public OnwardLeg {
        Objects.requireNonNull(targetNumber, "targetNumber");
        Objects.requireNonNull(presentation, "presentation");
        diversions = List.copyOf(diversions);
        Objects.requireNonNull(alertInfo, "alertInfo");
        Objects.requireNonNull(events, "events");
    }

    public boolean isForwarded() {
        return !diversions.isEmpty();
    }

    public OnwardLeg withTarget(String number) {
        return new OnwardLeg(Optional.of(number), presentation, diversions, alertInfo, events);
    }

    public OnwardLeg withPresentation(Presentation newPresentation) {
        return new OnwardLeg(targetNumber, newPresentation, diversions, alertInfo, events);
    }

    public OnwardLeg withDiversions(List<Diversion> newDiversions) {
        return new OnwardLeg(targetNumber, presentation, newDiversions, alertInfo, events);
    }

    public OnwardLeg withEvents(CalleeEvents newEvents) {
        return new OnwardLeg(targetNumber, presentation, diversions, alertInfo, newEvents);
    }

    public OnwardLeg withAlertInfo(String newAlertInfo) {
        return new OnwardLeg(targetNumber, presentation, diversions, Optional.of(newAlertInfo), events);
    }
}
