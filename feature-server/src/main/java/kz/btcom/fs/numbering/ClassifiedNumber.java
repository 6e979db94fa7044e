package kz.btcom.fs.numbering;

import java.util.Objects;

/**
 * A called number as the server acts on it: E.164 with '+' ("+77272777000") when it has a full number, or the
 * short code's digits ("112", "109") when it has none (emergency and information short codes).
 */
public record ClassifiedNumber(String e164OrShortCode, NumberClass numberClass) {

    public ClassifiedNumber {
        Objects.requireNonNull(e164OrShortCode, "e164OrShortCode");
        Objects.requireNonNull(numberClass, "numberClass");
    }

    /** True when the value is an E.164 number rather than a short code. */
    public boolean isE164() {
        return e164OrShortCode.startsWith("+");
    }
}
