package kz.btcom.fs.sip;

import java.nio.charset.StandardCharsets;

/**
 * The 400 for a request the stack could not parse or cannot use, built from the request's raw text (RFC 3261
 * 8.2.6.1: Via, From, To, Call-ID and CSeq copied as they came, a To tag added). Whatever of these is missing or
 * malformed is copied as it is, or left out: the answer goes back to the datagram's source regardless.
 */
final class BadRequest {

    private BadRequest() {
    }

    /** A request, not a response (never answered) nor an ACK (never answered either, RFC 3261 17.2.1). */
    static boolean isAnswerable(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int space = start;
        while (space < bytes.length && bytes[space] > ' ' && bytes[space] < 127) {
            space++;
        }
        if (space == start || space >= bytes.length || bytes[space] != ' ') {
            return false; // not even "METHOD SP ...": noise, not a request
        }
        String first = new String(bytes, start, space - start, StandardCharsets.ISO_8859_1);
        return !first.startsWith("SIP/") && !first.equals("ACK");
    }

    static byte[] answer(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        String[] lines = unfoldedHeaderLines(text);
        StringBuilder out = new StringBuilder(256).append("SIP/2.0 400 Bad Request\r\n");
        for (String line : lines) {
            if (is(line, "Via", 'v')) {
                out.append("Via: ").append(valueOf(line)).append("\r\n");
            }
        }
        copyFirst(lines, "From", 'f', out, false);
        copyFirst(lines, "To", 't', out, true);
        copyFirst(lines, "Call-ID", 'i', out, false);
        copyFirst(lines, "CSeq", (char) 0, out, false);
        out.append("Content-Length: 0\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The Call-ID of a message's raw text (long or compact name); "" when it has none. */
    static String callIdOf(byte[] message) {
        for (String line : unfoldedHeaderLines(new String(message, StandardCharsets.ISO_8859_1))) {
            if (is(line, "Call-ID", 'i')) {
                return valueOf(line);
            }
        }
        return "";
    }

    private static void copyFirst(String[] lines, String name, char compact, StringBuilder out, boolean tag) {
        for (String line : lines) {
            if (is(line, name, compact)) {
                String value = valueOf(line);
                out.append(name).append(": ").append(value);
                if (tag && !value.toLowerCase(java.util.Locale.ROOT).contains("tag=")) {
                    out.append(";tag=").append(Tags.newTag());
                }
                out.append("\r\n");
                return;
            }
        }
    }

    /** Header lines after the start line up to the blank line, continuation lines joined. */
    private static String[] unfoldedHeaderLines(String text) {
        String[] raw = text.split("\r?\n", -1);
        java.util.List<String> lines = new java.util.ArrayList<>();
        for (int i = 1; i < raw.length && !raw[i].isEmpty(); i++) {
            if ((raw[i].charAt(0) == ' ' || raw[i].charAt(0) == '\t') && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ' ' + raw[i].trim());
            } else {
                lines.add(raw[i]);
            }
        }
        return lines.toArray(new String[0]);
    }

    private static boolean is(String line, String name, char compact) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String found = line.substring(0, colon).trim();
        return found.equalsIgnoreCase(name) || found.length() == 1 && Character.toLowerCase(found.charAt(0)) == compact;
    }

    private static String valueOf(String line) {
        return line.substring(line.indexOf(':') + 1).trim();
    }
}
