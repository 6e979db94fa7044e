package kz.btcom.fs.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.Pipeline;
import gov.nist.javax.sip.parser.PipelinedMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * A malformed request over TCP gets 400, as over UDP, and the connection stays open for the core's other requests.
 * The stack's TCP channel closed the socket on a bad mandatory header ("Malformed mandatory headers: closing
 * socket!") without a word, taking every request queued behind it on the connection with it.
 * <p>
 * The 400 is written on the connection the request came on (its socket, reached by reflection once; only bad
 * requests come here). The stream must stay framed: the stack reads a body only for a message the parser returns,
 * so a refused request with a body comes back as an empty placeholder carrying its Content-Length, whose body the
 * stack then reads and drops ("Dropped Bad Msg": it has no Call-ID). A request whose length cannot be told
 * (an unreadable or a doubled Content-Length) leaves the stream unframed: answered, then the connection is closed.
 */
final class StreamRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRefusal.class);
    private static final Field SOCKET;
    /** The channel's parser, and the parser's input, whose closed flag says the message timer ran out. */
    private static final Field PARSER;
    private static final Field PIPELINE;

    static {
        Field socket = null;
        try {
            socket = ConnectionOrientedMessageChannel.class.getDeclaredField("mySock");
            socket.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot answer malformed requests over TCP ourselves; the stack closes their connection: {}",
                    e.toString());
        }
        SOCKET = socket;
        Field parser = null;
        Field pipeline = null;
        try {
            parser = ConnectionOrientedMessageChannel.class.getDeclaredField("myParser");
            parser.setAccessible(true);
            pipeline = PipelinedMsgParser.class.getDeclaredField("rawInputStream");
            pipeline.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot tell a TCP request cut short by the message timeout; only a closed socket says so: {}",
                    e.toString());
            parser = null;
            pipeline = null;
        }
        PARSER = parser;
        PIPELINE = pipeline;
    }

    /**
     * What the parser hands the stack's TCP channel instead of the channel itself: a header the stack cannot parse
     * fails the message (the mandatory ones) or is kept unparsed (the others), as the channel did, but the
     * socket is left open.
     */
    static final ParseExceptionListener KEEP_CONNECTION = StreamRefusal::failOrKeep;

    private StreamRefusal() {
    }

    static boolean available() {
        return SOCKET != null;
    }

    private static void failOrKeep(ParseException ex, SIPMessage message, Class<?> headerClass, String header,
                                   String raw) throws ParseException {
        if (headerClass == null || headerClass == From.class || headerClass == To.class
                || headerClass == CSeq.class || headerClass == Via.class || headerClass == CallID.class
                || headerClass == ContentLength.class || headerClass == RequestLine.class
                || headerClass == StatusLine.class) {
            throw ex;
        }
        message.addUnparsed(header);
    }

    /**
     * Answers {@code bytes} (the headers of a request that cannot be used) with 400 on its connection when it is
     * answerable (not a response, not an ACK) and {@code answer} (not a stranger's under the drop policy), and returns what the stack should go on with: null, or the placeholder
     * whose body it reads and drops.
     */
    static SIPMessage refuse(boolean answer, ConnectionOrientedMessageChannel channel, byte[] bytes, String why,
                             MessageCapture capture) {
        Socket socket = socketOf(channel);
        int length = contentLength(bytes);
        if (answer && BadRequest.isAnswerable(bytes) && socket != null) {
            LOG.debug("answering 400 over TCP to a malformed request from {}: {}", channel.getPeerAddress(), why);
            byte[] badRequest = BadRequest.answer(bytes);
            try {
                synchronized (channel) { // the stack's own writes on this channel hold its lock
                    OutputStream out = socket.getOutputStream();
                    out.write(badRequest);
                    out.flush();
                }
                if (capture != null && capture.active()) {
                    String peer = channel.getPeerAddress() + ":" + channel.getPeerPort();
                    String local = channel.getHost() + ":" + channel.getPort();
                    capture.offerRaw(bytes, peer, local, false);
                    capture.offerRaw(badRequest, local, peer, true);
                }
            } catch (java.io.IOException e) {
                LOG.debug("could not answer a malformed request over TCP: {}", e.toString());
            }
        }
        if (length < 0) {
            LOG.debug("closing the TCP connection from {}: a request whose length cannot be told", 
                    channel.getPeerAddress());
            closeQuietly(socket);
            return null;
        }
        if (length == 0) {
            return null;
        }
        SIPRequest placeholder = new SIPRequest();
        placeholder.setHeader(new ContentLength(length));
        return placeholder;
    }

    /**
     * Whether the channel's input is closed already: its message timer ran out (the stack closes the parser's input
     * first, and only then the socket, while the parser hands on what it read), or the socket is closed.
     */
    static boolean isClosed(ConnectionOrientedMessageChannel channel) {
        Socket socket = socketOf(channel);
        if (socket != null && socket.isClosed()) {
            return true;
        }
        if (PARSER == null) {
            return false;
        }
        try {
            Object parser = PARSER.get(channel);
            Object input = parser == null ? null : PIPELINE.get(parser);
            return input instanceof Pipeline pipeline && pipeline.isClosed();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Socket socketOf(ConnectionOrientedMessageChannel channel) {
        if (SOCKET == null) {
            return null;
        }
        try {
            return (Socket) SOCKET.get(channel);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
    }

    /** The request's Content-Length: 0 without one (RFC 3261 18.3 makes it mandatory; the stack takes 0); -1 if
     *  it is unreadable or given twice. */
    static int contentLength(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int found = -2;
        int start = text.indexOf('\n') + 1;
        while (start > 0 && start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = (end < 0 ? text.substring(start) : text.substring(start, end)).trim();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                    String value = line.substring(colon + 1).trim();
                    if (found != -2 || !value.matches("\\d{1,9}")) {
                        return -1;
                    }
                    found = Integer.parseInt(value);
                }
            }
            start = end < 0 ? -1 : end + 1;
        }
        return found == -2 ? 0 : found;
    }
}
