package kz.btcom.fs.sip.testing;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SIP message as a test peer saw it on the wire: start line, headers in order (folded lines joined, compact
 * names understood), and the body framed by Content-Length. Deliberately simple: test code, not a parser to trust.
 */
public final class SipMessage {

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("v", "via"), Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"),
            Map.entry("m", "contact"), Map.entry("l", "content-length"), Map.entry("c", "content-type"),
            Map.entry("k", "supported"), Map.entry("s", "subject"), Map.entry("e", "content-encoding"),
            Map.entry("o", "event"), Map.entry("r", "refer-to"), Map.entry("b", "referred-by"),
            Map.entry("x", "session-expires"), Map.entry("u", "allow-events"));

    private final String startLine;
    private final List<String[]> headers;
    private final byte[] body;
    private final InetSocketAddress source;
    private final SipPeer.Link link;

    private SipMessage(String startLine, List<String[]> headers, byte[] body, InetSocketAddress source,
                       SipPeer.Link link) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
        this.source = source;
        this.link = link;
    }

    /** Parses one message; the body is Content-Length bytes (or the rest of the data when there is none). */
    public static SipMessage parse(byte[] data, int length, InetSocketAddress source, SipPeer.Link link) {
        int headerEnd = headerEnd(data, length);
        int bodyStart = headerEnd < 0 ? length : headerEnd;
        String head = new String(data, 0, headerEnd < 0 ? length : headerEnd, StandardCharsets.UTF_8);
        String[] lines = head.split("\r?\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        SipMessage withoutBody = new SipMessage(lines[0], headers, new byte[0], source, link);
        int declared = withoutBody.contentLength();
        int available = length - bodyStart;
        int bodyLength = declared < 0 ? available : Math.min(declared, available);
        byte[] body = new byte[Math.max(bodyLength, 0)];
        System.arraycopy(data, bodyStart, body, 0, body.length);
        return new SipMessage(lines[0], headers, body, source, link);
    }

    /** For a stream: the length of the first complete message in {@code data}, or -1 if it is not all there. */
    static int frameLength(byte[] data, int length) {
        int headerEnd = headerEnd(data, length);
        if (headerEnd < 0) {
            return -1;
        }
        int declared = parse(data, headerEnd, null, null).contentLength();
        int total = headerEnd + Math.max(declared, 0);
        return total <= length ? total : -1;
    }

    /** Index just past the blank line that ends the headers, or -1. */
    private static int headerEnd(byte[] data, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 3 < length && data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    // ---------------------------------------------------------------- what it is

    public String startLine() {
        return startLine;
    }

    public boolean isRequest() {
        return !startLine.startsWith("SIP/");
    }

    public String method() {
        return isRequest() ? startLine.substring(0, startLine.indexOf(' ')) : cseqMethod();
    }

    public String requestUri() {
        String[] parts = startLine.split(" +");
        return parts.length > 1 ? parts[1] : "";
    }

    public int status() {
        if (isRequest()) {
            return 0;
        }
        String[] parts = startLine.split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public String reason() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 2 ? parts[2] : "";
    }

    // ---------------------------------------------------------------- headers

    /** The first value of a header (long or compact name), or null. */
    public String header(String name) {
        String wanted = canonical(name);
        for (String[] header : headers) {
            if (canonical(header[0]).equals(wanted)) {
                return header[1];
            }
        }
        return null;
    }

    /** Every header line of that name, in order. */
    public List<String> headers(String name) {
        String wanted = canonical(name);
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (canonical(header[0]).equals(wanted)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    public boolean hasHeader(String name) {
        return header(name) != null;
    }

    /** Every header as "Name: value" lines, in order (for copying Vias into a response). */
    List<String> headerLines(String name) {
        String wanted = canonical(name);
        List<String> lines = new ArrayList<>();
        for (String[] header : headers) {
            if (canonical(header[0]).equals(wanted)) {
                lines.add(header[0] + ": " + header[1]);
            }
        }
        return lines;
    }

    public String callId() {
        return header("Call-ID");
    }

    public long cseq() {
        String cseq = header("CSeq");
        return cseq == null ? -1 : Long.parseLong(cseq.trim().split("\\s+")[0]);
    }

    public String cseqMethod() {
        String cseq = header("CSeq");
        String[] parts = cseq == null ? new String[0] : cseq.trim().split("\\s+");
        return parts.length > 1 ? parts[1] : "";
    }

    public String fromTag() {
        return param(header("From"), "tag");
    }

    public String toTag() {
        return param(header("To"), "tag");
    }

    /** The URI of a name-addr or addr-spec header value (Contact, From, To, P-Asserted-Identity). */
    public static String uriOf(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        int open = headerValue.indexOf('<');
        if (open >= 0) {
            return headerValue.substring(open + 1, headerValue.indexOf('>', open));
        }
        int semicolon = headerValue.indexOf(';');
        return (semicolon < 0 ? headerValue : headerValue.substring(0, semicolon)).trim();
    }

    /** A header parameter (after the URI's closing '>', or after the addr-spec). */
    public static String param(String headerValue, String name) {
        if (headerValue == null) {
            return null;
        }
        int close = headerValue.lastIndexOf('>');
        String params = close >= 0 ? headerValue.substring(close + 1) : headerValue;
        for (String part : params.split(";")) {
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).trim();
            if (key.equalsIgnoreCase(name)) {
                return eq < 0 ? "" : part.substring(eq + 1).trim();
            }
        }
        return null;
    }

    public int contentLength() {
        String value = header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ---------------------------------------------------------------- body and origin

    public byte[] bodyBytes() {
        return body.clone();
    }

    public String body() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    /** Where it came from (null for messages the peer built itself). */
    public InetSocketAddress source() {
        return source;
    }

    SipPeer.Link link() {
        return link;
    }

    /** One line for failure messages: start line, Call-ID, CSeq. */
    public String summary() {
        return startLine + " [Call-ID " + callId() + ", CSeq " + header("CSeq") + "]";
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return text.append("\r\n").append(body()).toString();
    }
}
