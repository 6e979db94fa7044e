package kz.btcom.fs.sip;

import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;

/**
 * JAIN-SIP's parser plus the checks it leaves out (RFC 3261 / RFC 4475), for datagrams: the stack drops a request
 * it cannot use without a word, and the sender retransmits it for 32 seconds. Here such a request is answered to
 * the datagram's source ({@link DatagramReply}) and then dropped; a response or an ACK is never answered.
 * The checks on a good message are a few field reads: nothing is allocated unless something is wrong.
 * Over TCP the repairs apply (version, duplicates, RFC 2543 defaults), and a request that cannot be parsed or lacks
 * a mandatory header gets 400 on its connection, which stays open ({@link StreamRefusal}).
 */
final class GuardedParser extends StringMsgParser {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedParser.class);

    /** Whether the message being parsed had a Content-Length yet (one parser per stack thread, one message at a time). */
    private boolean contentLengthSeen;
    /** The server's signalling traces; null when it has no tap. */
    private final MessageCapture capture;

    /** The trust boundary: a stranger's malformed request is answered only if strangers are; null: no boundary. */
    private final PeerGuard guard;

    GuardedParser(MessageCapture capture) {
        this(capture, null);
    }

    GuardedParser(MessageCapture capture, PeerGuard guard) {
        this.capture = capture;
        this.guard = guard;
    }

    /** Whether a malformed request arriving on {@code channel} may be answered at all. */
    private boolean answersMalformed(gov.nist.javax.sip.stack.MessageChannel channel) {
        return guard == null || guard.answersMalformed(channel.getPeerAddress(), channel.getTransport());
    }

    @Override
    public SIPMessage parseSIPMessage(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        SIPMessage message;
        contentLengthSeen = false;
        boolean stream = listener instanceof ConnectionOrientedMessageChannel && StreamRefusal.available();
        try {
            message = parseOrRefuse(bytes, readBody, strict, stream ? StreamRefusal.KEEP_CONNECTION : listener);
        } catch (ParseException e) {
            if (stream) {
                return StreamRefusal.refuse(answersMalformed((ConnectionOrientedMessageChannel) listener),
                        (ConnectionOrientedMessageChannel) listener, bytes, e.getMessage(), capture);
            }
            if (!(listener instanceof UDPMessageChannel datagram) || !BadRequest.isAnswerable(bytes)
                    || !DatagramReply.AVAILABLE) {
                throw e; // a response or an ACK (never answered), or not a datagram: the stack's own handling
            }
            return refuse(datagram, bytes, e.getMessage(), null);
        }
        if (message instanceof SIPRequest request) {
            restoreVersion(request, bytes);
            rfc2543Defaults(request);
            if (listener instanceof UDPMessageChannel datagram) {
                return checked(request, bytes, datagram);
            }
            if (stream && lacksMandatoryHeaders(request) && !Request.ACK.equals(request.getMethod())) {
                return StreamRefusal.refuse(answersMalformed((ConnectionOrientedMessageChannel) listener),
                        (ConnectionOrientedMessageChannel) listener, bytes, "missing Via, From, To, Call-ID or CSeq",
                        capture);
            }
        }
        return message;
    }

    private static boolean lacksMandatoryHeaders(SIPRequest request) {
        return request.getTopmostVia() == null || request.getFrom() == null || request.getTo() == null
                || request.getCallId() == null || request.getCSeq() == null;
    }

    /**
     * The stack's parse, where a header parser that throws anything but a ParseException (RAck's NumberFormatException,
     * found by SipRequestFuzzTest) is a malformed message too: thrown on, it left a datagram unanswered and killed a
     * TCP connection's reader thread.
     */
    private SIPMessage parseOrRefuse(byte[] bytes, boolean readBody, boolean strict, ParseExceptionListener listener)
            throws ParseException {
        try {
            SIPMessage message = super.parseSIPMessage(bytes, readBody, strict, listener);
            if (message != null) {
                ViaNumbers.check(message);
            }
            return message;
        } catch (RuntimeException e) {
            throw new ParseException("unparseable: " + e, 0);
        }
    }

    private SIPMessage checked(SIPRequest request, byte[] bytes, UDPMessageChannel datagram) {
        if (lacksMandatoryHeaders(request)) {
            // The stack would drop it silently ("Dropped Bad Msg"), and without a Via it could not even say why.
            return Request.ACK.equals(request.getMethod()) ? null
                    : refuse(datagram, bytes, "missing Via, From, To, Call-ID or CSeq", null);
        }
        if (!endsWithBlankLine(bytes, request.getSize())) {
            // RFC 3261 7: the headers end with an empty line. Without it the datagram is cut short (RFC 4475 baddn).
            return Request.ACK.equals(request.getMethod()) ? null
                    : refuse(datagram, bytes, "headers not terminated", request);
        }
        if (!request.getMethod().equals(request.getCSeq().getMethod()) && !SipEventRouter.knows(request.getMethod())) {
            // RFC 3261 8.2.1: an unknown method gets 501 before its headers are looked at; the stack would say 400
            // for the CSeq that names another method (RFC 4475 mismatch02: 501 preferred).
            return notImplemented(datagram, bytes, request);
        }
        String arrival = datagram.getTransport();
        if (!arrival.equalsIgnoreCase(request.getTopmostVia().getTransport())) {
            // A request that came over UDP with a Via naming TCP or TLS: the stack would answer over the transport
            // the Via names (opening a TCP connection to the sender's UDP port, or failing for TLS), so the answer
            // never came. Answer over the transport the request used, like the stack's own error answers do.
            try {
                request.getTopmostVia().setTransport(arrival);
            } catch (ParseException e) {
                return null; // cannot happen for "UDP"
            }
        }
        return request;
    }

    /**
     * RFC 2543 requests (RFC 4475 inv2543, "accept if backward compatible") may lack what RFC 3261 made mandatory
     * and the stack refuses a transaction without, so the call was dropped without an answer: Max-Forwards
     * (absent means no limit asked for: RFC 3261 8.1.1.6's 70) and, on an INVITE, Contact (RFC 2543 sent later
     * requests to the From address when there was none).
     */
    private static void rfc2543Defaults(SIPRequest request) {
        if (request.getMaxForwards() == null) {
            request.setMaxForwards(seventy());
        }
        if (Request.INVITE.equals(request.getMethod()) && request.getFrom() != null && request.getTo() != null
                && request.getToTag() == null && request.getContactHeader() == null) {
            Contact contact = new Contact();
            contact.setAddress((Address) request.getFrom().getAddress().clone());
            request.setHeader(contact);
        }
    }

    /**
     * A second From, To, Call-ID, CSeq, Max-Forwards or Content-Length is an error (RFC 4475 multi01, mcl01): the
     * stack would keep one of them silently, and two Content-Lengths leave the datagram's framing in doubt.
     */
    @Override
    protected void processHeader(String header, SIPMessage message, ParseExceptionListener listener, byte[] raw)
            throws ParseException {
        if (ChargingVector.isHeaderLine(header)) {
            // The stack's IMS parser takes an icid-value only as a token and drops the header otherwise, so a core's
            // base64 icid ("...=") was lost, and with it the tie between the passes of one call: kept as it came.
            message.attachHeader(ChargingVector.asReceived(header), false);
            return;
        }
        ViaComments.refuseUnsafe(header);
        int singleton = SingletonHeaders.of(header);
        if (singleton != SingletonHeaders.NONE) {
            if (singleton == SingletonHeaders.CONTENT_LENGTH ? contentLengthSeen
                    : SingletonHeaders.alreadyIn(message, singleton)) {
                throw new ParseException("more than one " + SingletonHeaders.name(singleton), 0);
            }
            // Every message starts with a default Content-Length: 0 of the stack's own, so it is counted here.
            contentLengthSeen |= singleton == SingletonHeaders.CONTENT_LENGTH;
        }
        super.processHeader(header, message, listener, raw);
    }

    /**
     * The stack's request-line parser reads any {@code SIP/x.y} as SIP/2.0 (it makes a ParseException and never
     * throws it), so its own 505 check never fires (RFC 4475 badvers). Put back what the request said.
     */
    private static void restoreVersion(SIPRequest request, byte[] bytes) {
        int lineEnd = 0;
        while (lineEnd < bytes.length && bytes[lineEnd] != '\r' && bytes[lineEnd] != '\n') {
            lineEnd++;
        }
        int end = lineEnd;
        while (end > 0 && bytes[end - 1] <= ' ') {
            end--;
        }
        int start = end;
        while (start > 0 && bytes[start - 1] > ' ') {
            start--;
        }
        if (end - start == 7 && (bytes[start] | 0x20) == 's' && (bytes[start + 1] | 0x20) == 'i'
                && (bytes[start + 2] | 0x20) == 'p' && bytes[start + 3] == '/' && bytes[start + 4] == '2'
                && bytes[start + 5] == '.' && bytes[start + 6] == '0') {
            return;
        }
        request.getRequestLine().setSipVersion(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private static boolean endsWithBlankLine(byte[] bytes, int headersEnd) {
        int i = Math.min(headersEnd, bytes.length) - 1;
        return i >= 1 && bytes[i] == '\n'
                && (bytes[i - 1] == '\n' || i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n');
    }

    /** Answers 400 and drops the request (the stack takes null as nothing to do); if it cannot, {@code otherwise}. */
    private SIPMessage refuse(UDPMessageChannel datagram, byte[] bytes, String why, SIPMessage otherwise) {
        if (!answersMalformed(datagram)) {
            return null;
        }
        LOG.debug("answering 400 to a malformed request from {}: {}", datagram.getPeerAddress(), why);
        return answer(datagram, bytes, BadRequest.answer(bytes)) ? null : otherwise;
    }

    /** Sends our answer to the request's source; both go to the traces, which the stack never shows them. */
    private boolean answer(UDPMessageChannel datagram, byte[] request, byte[] answer) {
        if (!DatagramReply.send(datagram, answer)) {
            return false;
        }
        if (capture != null && capture.active()) {
            String peer = DatagramReply.sourceOf(datagram);
            String local = datagram.getHost() + ":" + datagram.getPort();
            capture.offerRaw(request, peer, local, false);
            capture.offerRaw(answer, local, peer, true);
        }
        return true;
    }

    private SIPMessage notImplemented(UDPMessageChannel datagram, byte[] bytes, SIPRequest request) {
        if (!answersMalformed(datagram)) {
            return null;
        }
        SIPResponse response = request.createResponse(Response.NOT_IMPLEMENTED);
        try {
            if (response.getTo().getTag() == null) {
                response.getTo().setTag(Tags.newTag());
            }
            response.setHeader(new Allow(SipEventRouter.ALLOWED_METHODS));
        } catch (ParseException e) {
            throw new IllegalStateException(e); // our own tag and Allow list
        }
        return answer(datagram, bytes, response.encodeAsBytes(datagram.getTransport())) ? null : request;
    }

    private static MaxForwards seventy() {
        try {
            return new MaxForwards(70);
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
