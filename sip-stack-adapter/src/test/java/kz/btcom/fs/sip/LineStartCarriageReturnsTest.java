package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The TCP input guard: repeated CRs at a header line's start go, a body's bytes never, byte by byte or in bulk. */
class LineStartCarriageReturnsTest {

    private static String guarded(String input, boolean bulk) throws IOException {
        InputStream in = new LineStartCarriageReturns(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)));
        StringBuilder out = new StringBuilder();
        if (bulk) {
            byte[] buffer = new byte[7]; // odd-sized reads split lines and bodies anywhere
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                out.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } else {
            int b;
            while ((b = in.read()) >= 0) {
                out.append((char) b);
            }
        }
        return out.toString();
    }

    private static void assertGuarded(String expected, String input) throws IOException {
        assertEquals(expected, guarded(input, false));
        assertEquals(expected, guarded(input, true));
    }

    @Test
    void aLineStartingWithSeveralCrsKeepsOne() throws IOException {
        assertGuarded("\r\n", "\r\r\n");
        assertGuarded("\r\nOPTIONS sip:a SIP/2.0\r\n\rVia: x\r\n", "\r\r\r\nOPTIONS sip:a SIP/2.0\r\n\r\r\rVia: x\r\n");
    }

    @Test
    void anOrdinaryMessageAndItsBinaryBodyPassAsTheyAre() throws IOException {
        String body = "\r\r\r\n\0binary\r\r\n";
        String message = "INFO sip:a SIP/2.0\r\nc: application/isup\r\nl: " + body.length() + "\r\n\r\n" + body
                + "\r\n\r\nBYE sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";
        assertGuarded(message, message);
    }

    @Test
    void aTextBodyIsGuardedToo_aReaderThatFailedTheHeadersReadsItAsLines() throws IOException {
        assertGuarded("INVITE sip:a SIP/2.0\r\nContent-Type: application/sdp\r\nContent-Length: 11\r\n\r\nv=0\r\n\r\nBYE",
                "INVITE sip:a SIP/2.0\r\nContent-Type: application/sdp\r\nContent-Length: 11\r\n\r\nv=0\r\n\r\r\nBYE");
    }

    @Test
    void afterTheBodyTheNextMessagesLinesAreGuardedAgain() throws IOException {
        assertGuarded("INFO sip:a SIP/2.0\r\nc: application/isup\r\nContent-Length: 2\r\n\r\n\r\r\r\nBYE sip:a SIP/2.0\r\n",
                "INFO sip:a SIP/2.0\r\nc: application/isup\r\nContent-Length: 2\r\n\r\n\r\r\r\r\nBYE sip:a SIP/2.0\r\n");
    }
}
