package kz.btcom.fs.loadtest.functional;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Mutated INVITE, BYE, CANCEL, ACK, REFER and INFO requests for the wire fuzz: a well-formed request of the core's
 * kind, then one to four random mutations (bytes flipped, inserted, cut; header lines doubled, dropped, emptied or
 * filled with tokens parsers trip on; the message cut short; another method). Then {@link #onLoopback} makes sure
 * that whatever a mutation did, no header the server answers or calls by names any host but 127.0.0.1.
 */
final class WireMutator {

    static final String[] METHODS = {"INVITE", "BYE", "CANCEL", "ACK", "REFER", "INFO"};
    /** What parsers trip on: separators, escapes, comments, quotes, NUL, huge or negative numbers, folding. */
    private static final String[] TOKENS = {"\r\n", "\n", "\r", ";", ",", ":", "\\", "(", ")", "(a\\", "\"", "<", ">",
            "%", "%00", "%zz", "\0", " ", "\t", "\r\n ", "=", "@", "sip:", "tel:", "SIP/2.0", "SIP/7.0", "-1", "0",
            "4294967296", "99999999999999999999", ";branch=", ";tag=", ";rport", ";lr", "z9hG4bK", "*", "#", "%23",
            "Content-Length: 100000", "l: -5", "CSeq: 1 BYE", "To: <sip:x@127.0.0.1>;tag=t", "Max-Forwards: 0",
            "Require: 100rel, foo", "Content-Type: multipart/mixed;boundary=\"", "RAck: x y z", "Session-Expires: -1",
            "\u00ff\u00fe", "\u00c3\u00a9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"};
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 10000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

    private static final Pattern LINE_END = Pattern.compile("\r\n|\n|\r");
    /** Header names whose hosts a response or a request of the server can go to, long and compact forms. */
    private static final Pattern ADDRESSING = Pattern.compile(
            "(?i)\\s*(via|v|contact|m|route|record-route|refer-to|r|referred-by|b|reply-to|p-served-user)\\s*:.*",
            Pattern.DOTALL);
    /** A dotted name or address; not a version ("SIP/2.0") nor part of a longer token. */
    private static final Pattern DOTTED_HOST =
            Pattern.compile("(?<![/A-Za-z0-9_.\\-])[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]*)+");
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]*]?");
    private static final Pattern ADDRESS_PARAM = Pattern.compile("(?i);\\s*(maddr|received)\\s*=?[^;,]*");
    /** The sent-by of a via-parm (and a URI's host after '@' or after the scheme). */
    private static final Pattern SENT_BY = Pattern.compile("(?i)(SIP\\s*/[^/]*/\\s*\\S*\\s+)[^;,\\s:]+");
    private static final Pattern URI_HOST = Pattern.compile("(?i)((?:sips?|tel):(?:[^@>;,\\s]*@)?)[^;,>\\s:?]+");

    private final Random random;
    private final int sourcePort;

    WireMutator(long seed, int sourcePort) {
        this.random = new Random(seed);
        this.sourcePort = sourcePort;
    }

    /** The n-th request: well formed, then mutated, then kept on loopback. */
    byte[] next(int n, String transport) {
        String method = METHODS[random.nextInt(METHODS.length)];
        StringBuilder message = new StringBuilder(wellFormed(n, method, transport));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(message);
        }
        return onLoopback(message.toString(), sourcePort).getBytes(StandardCharsets.ISO_8859_1);
    }

    String wellFormed(int n, String method, String transport) {
        boolean body = method.equals("INVITE") || method.equals("INFO");
        String content = method.equals("INFO") ? "Signal=5\r\nDuration=160\r\n" : body ? SDP : "";
        String inDialogTag = method.equals("INVITE") || method.equals("CANCEL") ? "" : ";tag=fs" + n;
        return method + " sip:+7727277" + (7000 + n % 1000) + "@127.0.0.1;user=phone SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + sourcePort + ";branch=z9hG4bKwf" + n + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:+77272123456@127.0.0.1;user=phone>;tag=wf" + n + "\r\n"
                + "To: <sip:+7727277" + (7000 + n % 1000) + "@127.0.0.1;user=phone>" + inDialogTag + "\r\n"
                + "Call-ID: wire-fuzz-" + n + "@127.0.0.1\r\n"
                + "CSeq: " + (method.equals("INVITE") || method.equals("CANCEL") || method.equals("ACK") ? 1 : 2)
                + " " + method + "\r\n"
                + "Contact: <sip:+77272123456@127.0.0.1:" + sourcePort + ">\r\n"
                + "P-Asserted-Identity: <sip:+77272123456@127.0.0.1;user=phone>\r\n"
                + (method.equals("REFER") ? "Refer-To: <sip:+77272555666@127.0.0.1;user=phone>\r\n" : "")
                + (method.equals("INFO") ? "Content-Type: application/dtmf-relay\r\n"
                : body ? "Content-Type: application/sdp\r\n" : "")
                + "Content-Length: " + content.length() + "\r\n\r\n" + content;
    }

    private void mutate(StringBuilder m) {
        if (m.length() == 0) {
            m.append(token());
            return;
        }
        int at = random.nextInt(m.length());
        switch (random.nextInt(9)) {
            case 0 -> m.setCharAt(at, (char) (m.charAt(at) ^ (1 << random.nextInt(8))));
            case 1 -> m.insert(at, token());
            case 2 -> m.delete(at, Math.min(m.length(), at + 1 + random.nextInt(16)));
            case 3 -> m.setLength(at);
            case 4 -> lines(m, LineEdit.DOUBLE);
            case 5 -> lines(m, LineEdit.DROP);
            case 6 -> lines(m, LineEdit.JUNK_VALUE);
            case 7 -> m.replace(0, Math.max(0, m.indexOf(" ")), METHODS[random.nextInt(METHODS.length)]);
            default -> m.setCharAt(at, (char) random.nextInt(256));
        }
    }

    private enum LineEdit { DOUBLE, DROP, JUNK_VALUE }

    private void lines(StringBuilder m, LineEdit edit) {
        List<String> lines = new ArrayList<>(List.of(m.toString().split("\r\n", -1)));
        int headers = Math.max(1, lines.indexOf(""));
        if (headers < 2) {
            return;
        }
        int i = 1 + random.nextInt(headers - 1);
        switch (edit) {
            case DOUBLE -> lines.add(i, lines.get(i));
            case DROP -> lines.remove(i);
            case JUNK_VALUE -> {
                String line = lines.get(i);
                int colon = line.indexOf(':');
                lines.set(i, (colon < 0 ? line : line.substring(0, colon + 1)) + " " + token() + token());
            }
        }
        m.setLength(0);
        m.append(String.join("\r\n", lines));
    }

    private String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    /**
     * The message with every host in a header the server answers or calls by made 127.0.0.1 (a Via's sent-by,
     * a URI's host, any dotted name or address, a bracketed IPv6 one) and maddr/received dropped, continuation
     * lines included, in the headers and (should a parser read them as headers) the body; every other byte as the
     * mutations left it.
     */
    static String onLoopback(String message, int port) {
        String[] lines = LINE_END.split(message, -1);
        List<Integer> ends = new ArrayList<>();
        java.util.regex.Matcher end = LINE_END.matcher(message);
        while (end.find()) {
            ends.add(end.start());
        }
        StringBuilder out = new StringBuilder(message.length() + 64);
        boolean addressing = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String separator = i < ends.size() ? message.substring(ends.get(i), ends.get(i)
                    + (message.startsWith("\r\n", ends.get(i)) ? 2 : 1)) : "";
            // Every line, the body's too: where a parser ends the headers of a mutated message is not for the
            // guard to guess.
            if (i > 0) {
                if (line.isEmpty()) {
                    addressing = false;
                } else if (line.charAt(0) != ' ' && line.charAt(0) != '\t') {
                    addressing = ADDRESSING.matcher(line).matches();
                }
                if (addressing) {
                    line = loopbackHosts(line);
                }
            }
            out.append(line).append(separator);
        }
        return out.toString();
    }

    private static String loopbackHosts(String line) {
        String s = ADDRESS_PARAM.matcher(line).replaceAll("");
        s = BRACKETED.matcher(s).replaceAll("127.0.0.1");
        s = SENT_BY.matcher(s).replaceAll("$1127.0.0.1");
        s = URI_HOST.matcher(s).replaceAll("$1127.0.0.1");
        return DOTTED_HOST.matcher(s).replaceAll("127.0.0.1");
    }
}
