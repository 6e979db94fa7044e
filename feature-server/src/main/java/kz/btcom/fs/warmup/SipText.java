package kz.btcom.fs.warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A SIP message as the warm-up's own two ends read it: the first line and the header lines as they came, looked up
 * by name (long or compact form). Only what a plain call's caller and callee need; the server's own messages are
 * well-formed, and a message this cannot read is simply not a call's.
 */
final class SipText {

    private final String firstLine;
    private final List<String> headerLines;

    private SipText(String firstLine, List<String> headerLines) {
        this.firstLine = firstLine;
        this.headerLines = headerLines;
    }

    static Optional<SipText> parse(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        if (lines.length < 2 || lines[0].isBlank()) {
            return Optional.empty();
        }
        List<String> headers = new ArrayList<>(lines.length - 1);
        for (int i = 1; i < lines.length; i++) {
            headers.add(lines[i]);
        }
        return Optional.of(new SipText(lines[0], headers));
    }

    boolean isResponse() {
        return firstLine.startsWith("SIP/2.0 ");
    }

    /** The status of a response; 0 for a request. */
    int status() {
        if (!isResponse() || firstLine.length() < 11) {
            return 0;
        }
        try {
            return Integer.parseInt(firstLine.substring(8, 11));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The method of a request; empty for a response. */
    String method() {
        return isResponse() ? "" : firstLine.substring(0, Math.max(0, firstLine.indexOf(' ')));
    }

    /** The method named by CSeq (a response's request). */
    String cseqMethod() {
        String cseq = value("CSeq", null).orElse("");
        int space = cseq.indexOf(' ');
        return space < 0 ? "" : cseq.substring(space + 1).trim();
    }

    String callId() {
        return value("Call-ID", "i").orElse("");
    }

    /** Every line of a header, whole ("Via: ..."), in order: what a response copies from its request. */
    List<String> lines(String name, String compact) {
        List<String> found = new ArrayList<>(2);
        for (String line : headerLines) {
            if (isNamed(line, name, compact)) {
                found.add(line);
            }
        }
        return found;
    }

    /** The value of the first line of a header. */
    Optional<String> value(String name, String compact) {
        for (String line : headerLines) {
            if (isNamed(line, name, compact)) {
                return Optional.of(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return Optional.empty();
    }

    /** The URI inside the first Contact's angle brackets (or the whole value without them). */
    Optional<String> contactUri() {
        return value("Contact", "m").map(SipText::uriOf);
    }

    static String uriOf(String nameAddr) {
        int open = nameAddr.indexOf('<');
        int close = nameAddr.indexOf('>', open + 1);
        return open >= 0 && close > open ? nameAddr.substring(open + 1, close) : nameAddr.split(";")[0].trim();
    }

    private static boolean isNamed(String line, String name, String compact) {
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String lineName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        return lineName.equals(name.toLowerCase(Locale.ROOT)) || (compact != null && lineName.equals(compact));
    }
}
