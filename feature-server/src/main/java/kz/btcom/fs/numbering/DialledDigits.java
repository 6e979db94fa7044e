package kz.btcom.fs.numbering;

/**
 * The digits of a number as dialled or as it arrives in a request: digits with the visual separators
 * {@code space - . ( )}, possibly one leading '+'; or a {@code tel:} URI (its number, parameters dropped) or a
 * {@code sip:}/{@code sips:} URI (its user part, parameters dropped), with %-escapes undone. Anything else, such
 * as letters or the {@code * #} of a feature code, is not a number.
 */
final class DialledDigits {

    /** More digits than any dialled form of an E.164 number (international prefix + 15 digits). */
    static final int MAX_DIGITS = 20;

    private DialledDigits() {
    }

    /** '+' and digits, or digits; null when {@code raw} is not a number. */
    static String of(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        int start = 0;
        int end = s.length();
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            start = 4;
            end = indexOrEnd(s, ';', start, end);
        } else if (s.regionMatches(true, 0, "sip:", 0, 4) || s.regionMatches(true, 0, "sips:", 0, 5)) {
            start = s.indexOf(':') + 1;
            end = s.indexOf('@', start);
            if (end < 0) {
                return null;
            }
            // A telephone-subscriber user part may carry its own parameters: sip:+7727...;npdi@host.
            end = indexOrEnd(s, ';', start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        boolean digits = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < end ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                c = (char) (hi * 16 + lo);
                i += 2;
            }
            if (c >= '0' && c <= '9') {
                if (out.length() >= MAX_DIGITS) {
                    return null;
                }
                out.append(c);
                digits = true;
            } else if (c == '+' && out.length() == 0) {
                out.append(c);
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return null;
            }
        }
        return digits ? out.toString() : null;
    }

    /** True when {@code text} has at least one character from {@code from} on, and all are ASCII digits. */
    static boolean isDigits(String text, int from) {
        if (text.length() <= from) {
            return false;
        }
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int indexOrEnd(String s, char c, int from, int end) {
        int at = s.indexOf(c, from);
        return at < 0 || at > end ? end : at;
    }
}
