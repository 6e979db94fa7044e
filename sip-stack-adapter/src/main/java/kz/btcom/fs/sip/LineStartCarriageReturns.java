package kz.btcom.fs.sip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.Locale;

/**
 * A guard for a JAIN-SIP bug on TCP: its reader (PipelinedMsgParser.readLine) keeps the carriage returns that start
 * a line in a 2-byte array, so a line starting with two CRs ({@code \r\r\n}, found by the wire fuzz) throws
 * ArrayIndexOutOfBoundsException and kills the connection's reader thread: the connection stays open, nobody reads
 * it, and everything the core sends on it afterwards is lost. The reader ignores every CR of a header line anyway,
 * so here the second and later CR at the start of a header line are dropped before it sees them. Binary bodies are
 * passed untouched: the stream follows the framing (a header block ends at a blank line; its Content-Length says how
 * many bytes of body follow, its Content-Type whether they are text), as the reader does.
 */
final class LineStartCarriageReturns extends FilterInputStream {

    private enum Mode { BEFORE_MESSAGE, HEADERS, BODY }

    private static final int HEADER_TEXT_KEPT = 64;

    private Mode mode = Mode.BEFORE_MESSAGE;
    private long bodyLeft;
    private long contentLength;
    /** Whether the header block declared a text body (application/sdp, text/*) or no type at all. */
    private boolean textBody = true;
    /** Of the current line: CRs before anything else, whether anything else came, whether all of it is blank. */
    private int leadingCrs;
    private boolean lineStarted;
    private boolean lineBlank = true;
    private final StringBuilder line = new StringBuilder(HEADER_TEXT_KEPT);

    LineStartCarriageReturns(InputStream in) {
        super(in);
    }

    /** An accepted connection whose input goes through this guard. */
    static class GuardedSocket extends Socket {
        private InputStream input;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new LineStartCarriageReturns(super.getInputStream());
            }
            return input;
        }
    }

    @Override
    public int read() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0 || keep(b)) {
                return b;
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (keep(buffer[offset + i] & 0xff)) {
                    buffer[offset + kept++] = buffer[offset + i];
                }
            }
            if (kept > 0) {
                return kept;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are read through the guard too, or the framing it follows would be lost.
        byte[] skipped = new byte[(int) Math.max(0, Math.min(n, 8192))];
        return skipped.length == 0 ? 0 : Math.max(0, read(skipped, 0, skipped.length));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether the byte goes on to the reader; follows the framing either way. */
    private boolean keep(int b) {
        if (mode == Mode.BODY) {
            if (--bodyLeft <= 0) {
                mode = Mode.BEFORE_MESSAGE;
            }
            if (!textBody) {
                return true;
            }
            // A text body (SDP, text/*, none declared) is guarded too: when the reader failed to parse the header
            // block it reads no body, and these bytes come to it as header lines (found by the wire fuzz). No
            // valid text body has a line starting with two CRs, and binary bodies are never touched.
            boolean kept = b != '\r' || lineStarted || ++leadingCrs <= 1;
            if (b == '\n') {
                leadingCrs = 0;
                lineStarted = false;
            } else if (b != '\r') {
                lineStarted = true;
            }
            if (mode != Mode.BODY) {
                leadingCrs = 0;
                lineStarted = false;
            }
            return kept;
        }
        if (b == '\r') {
            if (lineStarted) {
                return true; // inside a line the reader drops it itself
            }
            return ++leadingCrs <= 1;
        }
        if (b != '\n') {
            lineStarted = true;
            lineBlank &= b <= ' ';
            if (line.length() < HEADER_TEXT_KEPT) {
                line.append((char) b);
            }
            return true;
        }
        endOfLine();
        return true;
    }

    private void endOfLine() {
        if (mode == Mode.BEFORE_MESSAGE) {
            if (lineStarted) {
                mode = Mode.HEADERS; // the start line; empty lines before it are keep-alives
                contentLength = 0;
                textBody = true;
            }
        } else if (lineBlank) {
            bodyLeft = contentLength;
            mode = bodyLeft > 0 ? Mode.BODY : Mode.BEFORE_MESSAGE;
        } else {
            readContentLength(line.toString());
        }
        leadingCrs = 0;
        lineStarted = false;
        lineBlank = true;
        line.setLength(0);
    }

    private void readContentLength(String header) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
            return;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (name.equals("content-type") || name.equals("c")) {
            String type = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            textBody = type.startsWith("application/sdp") || type.startsWith("text/");
            return;
        }
        if (!name.equals("content-length") && !name.equals("l")) {
            return;
        }
        try {
            contentLength = Math.max(0, Long.parseLong(header.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            contentLength = 0; // the reader's parse refuses it, and the connection is closed
        }
    }
}
