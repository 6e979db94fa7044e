package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * The headers a message carries exactly once and the stack relies on, recognised by a header line's name (long
 * or compact form, any case) without allocating: the parser asks this for every header of every message.
 */
final class SingletonHeaders {

    static final int NONE = -1;
    static final int CONTENT_LENGTH = 5;
    private static final String[] NAMES = {"From", "To", "Call-ID", "CSeq", "Max-Forwards", "Content-Length"};
    /** Compact forms (RFC 3261 7.3.3), same order as NAMES; 0 where there is none. */
    private static final char[] COMPACT = {'f', 't', 'i', 0, 0, 'l'};

    private SingletonHeaders() {
    }

    /** Which of them the header line is, or {@link #NONE}. */
    static int of(String headerLine) {
        int end = headerLine.indexOf(':');
        while (end > 0 && headerLine.charAt(end - 1) <= ' ') {
            end--;
        }
        if (end <= 0) {
            return NONE;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (end == 1 ? (headerLine.charAt(0) | 0x20) == COMPACT[i]
                    : end == NAMES[i].length() && headerLine.regionMatches(true, 0, NAMES[i], 0, end)) {
                return i;
            }
        }
        return NONE;
    }

    /** Whether the message has one already (Content-Length: not answerable here, every message has a default). */
    static boolean alreadyIn(SIPMessage message, int header) {
        return switch (header) {
            case 0 -> message.getFrom() != null;
            case 1 -> message.getTo() != null;
            case 2 -> message.getCallId() != null;
            case 3 -> message.getCSeq() != null;
            case 4 -> message.getMaxForwards() != null;
            default -> false;
        };
    }

    static String name(int header) {
        return NAMES[header];
    }
}
