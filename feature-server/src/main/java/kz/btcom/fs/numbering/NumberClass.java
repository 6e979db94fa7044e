package kz.btcom.fs.numbering;

import java.util.Locale;
import java.util.Optional;

/** What a called number is, for barring, suspension and billing (PRODUCT.md "Numbering"). */
public enum NumberClass {
    LOCAL,
    NATIONAL,
    MOBILE,
    INTERNATIONAL,
    /** Information and entertainment: 1xx/1xxx short codes and premium-rate ranges. */
    INFORMATION,
    /** Emergency short codes: never barred. */
    EMERGENCY,
    /** The operator's service numbers: never barred, reachable from a suspended line. */
    SERVICE;

    private final String jsonName = name().toLowerCase(Locale.ROOT);

    /** The name in JSON and the billing records: "local", "national", ... */
    public String jsonName() {
        return jsonName;
    }

    /** The constant whose {@link #jsonName()} this is. */
    public static Optional<NumberClass> ofJsonName(String name) {
        for (NumberClass c : values()) {
            if (c.jsonName.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
