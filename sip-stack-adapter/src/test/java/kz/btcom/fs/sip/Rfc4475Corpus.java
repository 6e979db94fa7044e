package kz.btcom.fs.sip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFC 4475 torture messages (src/test/resources/rfc4475, byte for byte the RFC's archive), and the one
 * change a test makes before sending one: the top Via names the test's own socket, so that no answer can go to
 * the documentation addresses in the files (EXPECTED.md: never send them as they are).
 */
final class Rfc4475Corpus {

    /** The first via-parm's sent-protocol (LWS, folding included) and sent-by. */
    private static final Pattern SENT_BY = Pattern.compile(
            "(SIP\\s*/\\s*[^/\\s]+\\s*/\\s*[A-Za-z0-9.!%*_+`'~-]+\\s+)(\\[[^\\]]*]|[^;,\\s:]+)(\\s*:\\s*\\d+)?");
    private static final Pattern MADDR = Pattern.compile("(?i)\\s*;\\s*maddr\\s*=\\s*[^;,\\s]+");
    private static final Pattern RPORT = Pattern.compile("(?i);\\s*rport");

    private Rfc4475Corpus() {
    }

    static byte[] read(String file) {
        try (InputStream in = Rfc4475Corpus.class.getResourceAsStream("/rfc4475/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no " + file + " in src/test/resources/rfc4475");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The message with its top Via's sent-by replaced by {@code 127.0.0.1:port} (plus {@code ;rport} if it had
     * none) and any {@code maddr} of that Via dropped; every other byte as it was. A message without Via is
     * returned unchanged.
     */
    static byte[] withTopViaAt(byte[] message, int port) {
        // ISO-8859-1 maps each byte to one char and back: NULs, UTF-8 and binary bodies survive untouched.
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        int[] via = topVia(text, headersEnd < 0 ? text.length() : headersEnd);
        if (via == null) {
            return message;
        }
        String value = text.substring(via[0], via[1]);
        int firstParmEnd = value.indexOf(',') < 0 ? value.length() : value.indexOf(',');
        String firstParm = value.substring(0, firstParmEnd);
        Matcher sentBy = SENT_BY.matcher(firstParm);
        if (!sentBy.find()) {
            throw new IllegalStateException("no sent-by in Via: " + value);
        }
        String afterSentBy = MADDR.matcher(firstParm.substring(sentBy.end())).replaceAll("");
        String rport = RPORT.matcher(afterSentBy).find() ? "" : ";rport";
        String rewritten = firstParm.substring(0, sentBy.start(2)) + "127.0.0.1:" + port + rport
                + afterSentBy + value.substring(firstParmEnd);
        return (text.substring(0, via[0]) + rewritten + text.substring(via[1])).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Start and end of the first Via header's value (continuation lines included), or null. */
    private static int[] topVia(String text, int headersEnd) {
        int lineStart = text.indexOf("\r\n") + 2;
        while (lineStart > 1 && lineStart < headersEnd) {
            int lineEnd = text.indexOf("\r\n", lineStart);
            int colon = text.indexOf(':', lineStart);
            if (colon > 0 && colon < lineEnd) {
                String name = text.substring(lineStart, colon).trim();
                if (name.equalsIgnoreCase("via") || name.equalsIgnoreCase("v")) {
                    int end = lineEnd;
                    while (end + 2 < text.length() && (text.charAt(end + 2) == ' ' || text.charAt(end + 2) == '\t')) {
                        end = text.indexOf("\r\n", end + 2);
                    }
                    return new int[] {colon + 1, end};
                }
            }
            lineStart = lineEnd + 2;
        }
        return null;
    }
}
