package kz.btcom.fs.sip;

import java.text.ParseException;

/**
 * A guard for a JAIN-SIP parser bug: a Via with a comment (RFC 2543 allowed {@code (text)} after the sent-by) that
 * holds a backslash, as in {@code Via: SIP/2.0/UDP host (a\}, sends the stack's ViaParser into a loop that fills
 * the heap (OutOfMemoryError, found by SipRequestFuzzTest). RFC 3261 has no comments in Via at all, so such a Via
 * is refused before the stack sees it: the request is malformed (400 over UDP), nothing else.
 * Looked at for every header line, so it allocates nothing.
 */
final class ViaComments {

    private ViaComments() {
    }

    /** @throws ParseException when the line is a Via (or {@code v}) with a backslash in or after a comment */
    static void refuseUnsafe(String headerLine) throws ParseException {
        if (isUnsafe(headerLine)) {
            throw new ParseException("a Via comment with a backslash", 0);
        }
    }

    static boolean isUnsafe(String headerLine) {
        int colon = headerLine.indexOf(':');
        int end = colon;
        while (end > 0 && headerLine.charAt(end - 1) <= ' ') {
            end--;
        }
        boolean via = end == 3 && headerLine.regionMatches(true, 0, "Via", 0, 3)
                || end == 1 && (headerLine.charAt(0) | 0x20) == 'v';
        if (!via) {
            return false;
        }
        boolean quoted = false;
        boolean commented = false;
        for (int i = colon + 1; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++; // a quoted-pair inside a quoted string (a gen-value) is legal and harmless
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '\\' && commented) {
                return true;
            } else if (c == '"' && !commented) {
                quoted = true;
            } else if (c == '(') {
                commented = true;
            }
        }
        return false;
    }
}
