package kz.btcom.fs.sip;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPMessage;

import java.text.ParseException;

/**
 * The Via parameters the stack reads as numbers only when it answers: {@code rport=z9hGormat} parses, and then
 * every response built from the request (the 100, a 486, the stack's own 400) throws NumberFormatException from
 * Via.getRPort (found by SipRequestFuzzTest). Such a Via is malformed: refused at parse time, so it gets the 400.
 */
final class ViaNumbers {

    private ViaNumbers() {
    }

    /** @throws ParseException when a Via's rport or ttl has a value that is not a number in range */
    static void check(SIPMessage message) throws ParseException {
        ViaList vias = message.getViaHeaders();
        if (vias == null) {
            return;
        }
        for (Via via : vias) {
            if (!inRange(via.getParameter(Via.RPORT), 65_535) || !inRange(via.getParameter(Via.TTL), 255)) {
                throw new ParseException("a Via rport or ttl that is not a number: " + via.encode().trim(), 0);
            }
        }
    }

    /** Absent or empty (a bare {@code ;rport}) is fine; otherwise 1 to 5 digits up to {@code max}. */
    private static boolean inRange(String value, int max) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        if (value.length() > 5) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(value) <= max;
    }
}
