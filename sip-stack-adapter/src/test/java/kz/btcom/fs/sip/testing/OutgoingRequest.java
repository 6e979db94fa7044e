package kz.btcom.fs.sip.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request a {@link SipPeer} is about to send, as text: starts with the headers every request needs (fresh
 * branch, tag and Call-ID), and the test adds, replaces or removes what its case is about.
 * Content-Length is computed from the body unless the test set one itself.
 */
public final class OutgoingRequest {

    private final SipPeer peer;
    private String requestLine;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean contentLengthSet;

    OutgoingRequest(SipPeer peer, String method, String requestUri) {
        this.peer = peer;
        this.requestLine = method + " " + requestUri + " SIP/2.0";
        header("Via", "SIP/2.0/" + peer.transport() + " " + peer.hostPort() + ";branch=z9hG4bK" + peer.newToken()
                + ";rport");
        header("Max-Forwards", "70");
        header("From", "<sip:" + peer.name() + "@" + SipPeer.HOST + ">;tag=" + peer.newToken());
        header("To", "<" + requestUri + ">");
        header("Call-ID", peer.newToken() + "@" + SipPeer.HOST);
        header("CSeq", "1 " + method);
        if (method.equals("INVITE") || method.equals("UPDATE") || method.equals("SUBSCRIBE")) {
            header("Contact", "<" + peer.contactUri() + ">");
        }
    }

    /** Replaces the whole request line (for malformed-message tests). */
    public OutgoingRequest requestLine(String line) {
        this.requestLine = line;
        return this;
    }

    /** Adds a header after those already there. */
    public OutgoingRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLengthSet = true;
        }
        return this;
    }

    /** Sets a header: the first of that name gets the value, any others go; added if there was none. */
    public OutgoingRequest replace(String name, String value) {
        boolean done = false;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                if (done) {
                    headers.remove(i--);
                } else {
                    headers.get(i)[1] = value;
                    done = true;
                }
            }
        }
        if (!done) {
            header(name, value);
        }
        if (name.equalsIgnoreCase("Content-Length")) {
            contentLengthSet = true;
        }
        return this;
    }

    public OutgoingRequest without(String name) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        return this;
    }

    public OutgoingRequest body(String contentType, String text) {
        replace("Content-Type", contentType);
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public OutgoingRequest sdp(String sdp) {
        return body("application/sdp", sdp);
    }

    /** The request as it will go on the wire. */
    public byte[] bytes() {
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        if (!contentLengthSet) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** Sends it and returns it as sent, for building the CANCEL, ACK or dialog that follows. */
    public SipMessage send() {
        byte[] bytes = bytes();
        peer.sendRaw(bytes);
        return SipMessage.parse(bytes, bytes.length, null, null);
    }
}
