package kz.btcom.fs.call;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A dialog as a Replaces header names it (RFC 3891 6.1): {@code call-id;to-tag=...;from-tag=...}, unescaped. The
 * tags are as the dialog's recipient sees them, which is why a match tries them both ways round.
 */
public record DialogReference(String callId, String toTag, String fromTag) {

    public DialogReference {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(toTag, "toTag");
        Objects.requireNonNull(fromTag, "fromTag");
    }

    /** The dialog a Replaces value names; empty when it lacks the Call-ID or either tag. */
    public static Optional<DialogReference> parse(String replaces) {
        if (replaces == null) {
            return Optional.empty();
        }
        String[] parts = replaces.split(";");
        String callId = parts[0].trim();
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String[] nameValue = parts[i].split("=", 2);
            if (nameValue.length != 2) {
                continue; // early-only, a flag
            }
            String name = nameValue[0].trim().toLowerCase(Locale.ROOT);
            if (name.equals("to-tag")) {
                toTag = nameValue[1].trim();
            } else if (name.equals("from-tag")) {
                fromTag = nameValue[1].trim();
            }
        }
        if (callId.isEmpty() || toTag == null || toTag.isEmpty() || fromTag == null || fromTag.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DialogReference(callId, toTag, fromTag));
    }

    /** Whether a dialog with this Call-ID and these two tags (in either role) is the one named. */
    public boolean names(String dialogCallId, String oneTag, String otherTag) {
        return callId.equals(dialogCallId)
                && (toTag.equals(oneTag) && fromTag.equals(otherTag) || toTag.equals(otherTag) && fromTag.equals(oneTag));
    }
}
