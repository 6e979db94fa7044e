package kz.btcom.fs.subscriber;

import java.util.Locale;
import java.util.Optional;

/** Whether a line may call (PRODUCT.md, service 10: suspension for non-payment). */
public enum LineStatus {
    ACTIVE,
    /** May call only emergency and operator service numbers. */
    SUSPENDED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LineStatus> fromJsonName(String name) {
        for (LineStatus status : values()) {
            if (status.jsonName().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
