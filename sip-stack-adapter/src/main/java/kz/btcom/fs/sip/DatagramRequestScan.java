package kz.btcom.fs.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A quick read of a datagram for what admission needs before the stack parses it: the method, the Call-ID, the top
 * Via's branch, whether To has a tag, and the header lines a stateless 503 copies (every Via, From, To, Call-ID,
 * CSeq). Nothing else is read, and nothing is validated beyond that: a datagram this scan does not take plainly
 * (a response, a folded header line, a header missing) gives null, and the stack handles it as it always did.
 *
 * @param method   the request's method, as written
 * @param callId   the Call-ID's value
 * @param branch   the top Via's branch parameter; null when it has none
 * @param toTagged whether the To header carries a tag
 * @param vias     the Via header lines, in order, as received
 * @param from     the From header line
 * @param to       the To header line
 * @param callIdLine the Call-ID header line
 * @param cseq     the CSeq header line
 */
record DatagramRequestScan(String method, String callId, String branch, boolean toTagged, List<String> vias,
                           String from, String to, String callIdLine, String cseq) {

    /** Reads the datagram; null when it is not a request this scan can read plainly. */
    static DatagramRequestScan of(byte[] data, int offset, int length) {
        int end = offset + length;
        int lineEnd = lineEnd(data, offset, end);
        if (lineEnd < 0) {
            return null;
        }
        int space = indexOf(data, offset, lineEnd, (byte) ' ');
        if (space <= offset || startsWith(data, offset, end, "SIP/")) {
            return null;
        }
        String method = ascii(data, offset, space);
        List<String> vias = new ArrayList<>(2);
        String from = null;
        String to = null;
        String callIdLine = null;
        String callId = null;
        String cseq = null;
        int position = next(data, lineEnd, end);
        while (position < end) {
            int stop = lineEnd(data, position, end);
            if (stop < 0) {
                return null; // the headers do not end in this datagram
            }
            if (stop == position) {
                break; // the blank line: the body follows
            }
            if (data[position] == ' ' || data[position] == '\t') {
                return null; // a folded line: for the real parser
            }
            int colon = indexOf(data, position, stop, (byte) ':');
            if (colon < 0) {
                return null;
            }
            String name = ascii(data, position, colon).trim().toLowerCase(java.util.Locale.ROOT);
            switch (name) {
                case "via", "v" -> vias.add(ascii(data, position, stop));
                case "from", "f" -> from = ascii(data, position, stop);
                case "to", "t" -> to = ascii(data, position, stop);
                case "call-id", "i" -> {
                    callIdLine = ascii(data, position, stop);
                    callId = ascii(data, colon + 1, stop).trim();
                }
                case "cseq" -> cseq = ascii(data, position, stop);
                default -> { }
            }
            position = next(data, stop, end);
        }
        if (vias.isEmpty() || from == null || to == null || callId == null || callId.isEmpty() || cseq == null) {
            return null;
        }
        return new DatagramRequestScan(method, callId, branchOf(vias.get(0)), hasTag(to), List.copyOf(vias), from,
                to, callIdLine, cseq);
    }

    /** True when the datagram's first bytes are this method and a space: cheap enough to ask of every datagram. */
    static boolean startsWithMethod(byte[] data, int offset, int length, String method) {
        int end = offset + length;
        return startsWith(data, offset, end, method) && offset + method.length() < end
                && data[offset + method.length()] == ' ';
    }

    /** The stateless 503 with Retry-After for this request, with the given To tag when its To has none. */
    byte[] serviceUnavailable(String toTag, int retryAfterSeconds) {
        StringBuilder response = new StringBuilder(512).append("SIP/2.0 503 Service Unavailable\r\n");
        for (String via : vias) {
            response.append(via).append("\r\n");
        }
        response.append(from).append("\r\n").append(to);
        if (!toTagged) {
            response.append(";tag=").append(toTag);
        }
        response.append("\r\n").append(callIdLine).append("\r\n").append(cseq).append("\r\n")
                .append("Retry-After: ").append(retryAfterSeconds).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        // The lines were read byte for byte as ISO-8859-1: written back the same way, a UTF-8 display name is intact.
        return response.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The branch parameter of the first via-parm of a Via line. */
    static String branchOf(String viaLine) {
        String value = viaLine.substring(viaLine.indexOf(':') + 1);
        int comma = value.indexOf(',');
        String top = comma < 0 ? value : value.substring(0, comma);
        for (String parameter : top.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("branch")) {
                return parameter.substring(equals + 1).trim();
            }
        }
        return null;
    }

    /** Whether a To line has a tag parameter (after the URI: in name-addr form, after the '>'). */
    static boolean hasTag(String toLine) {
        String value = toLine.substring(toLine.indexOf(':') + 1);
        int close = value.lastIndexOf('>');
        String parameters = close >= 0 ? value.substring(close + 1) : value;
        for (String parameter : parameters.split(";")) {
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).trim();
            if (name.equalsIgnoreCase("tag")) {
                return true;
            }
        }
        return false;
    }

    /** Where the line starting at {@code from} ends (its CR or LF); -1 when no line end comes before {@code end}. */
    private static int lineEnd(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == '\r' || data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The start of the next line after a line end at {@code lineEnd} (CRLF, or a bare LF). */
    private static int next(byte[] data, int lineEnd, int end) {
        if (data[lineEnd] == '\r' && lineEnd + 1 < end && data[lineEnd + 1] == '\n') {
            return lineEnd + 2;
        }
        return lineEnd + 1;
    }

    private static int indexOf(byte[] data, int from, int end, byte wanted) {
        for (int i = from; i < end; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] data, int offset, int end, String prefix) {
        if (end - offset < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[offset + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
