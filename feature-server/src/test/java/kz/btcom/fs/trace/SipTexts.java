package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipIdentity;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** SIP messages as the tap would hand them over, with real SIP text so that tshark dissects them. */
final class SipTexts {

    static final InetSocketAddress CORE = new InetSocketAddress("127.0.0.1", 5070);
    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5060);
    static final Instant AT = Instant.parse("2026-11-25T08:00:00.123456Z");

    private SipTexts() {
    }

    static byte[] request(String method, String requestUri, String from, String to, String callId, int cseq) {
        return text(method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + callId.hashCode() + "-" + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <" + from + ">;tag=f1\r\n"
                + "To: <" + to + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:core@127.0.0.1:5070>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    static byte[] response(int status, String reason, String from, String to, String callId, String method) {
        return text("SIP/2.0 " + status + " " + reason + "\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + callId.hashCode() + "-1\r\n"
                + "From: <" + from + ">;tag=f1\r\n"
                + "To: <" + to + ">;tag=t1\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static SipIdentity tel(String number) {
        return new SipIdentity("tel:" + number, number, "", "", SipIdentity.Kind.TEL, "");
    }

    static SipIdentity sip(String user) {
        return new SipIdentity("sip:" + user + "@core.btcom.kz", user, "core.btcom.kz", "", SipIdentity.Kind.SIP, "");
    }

    /** An initial INVITE from the core: caller → callee, Call-ID = callKey. */
    static CapturedSipMessage invite(String callKey, SipIdentity caller, SipIdentity callee) {
        return new CapturedSipMessage(AT, "udp", CORE, SERVER, callKey, true, List.of(callee, caller, callee),
                request("INVITE", callee.uri(), caller.uri(), callee.uri(), callKey, 1));
    }

    /** A later message of the call {@code callKey} (on any leg: here, its own Call-ID). */
    static CapturedSipMessage later(String callKey, String callId, int status) {
        return new CapturedSipMessage(AT, "udp", SERVER, CORE, callKey, false, List.of(),
                response(status, status == 200 ? "OK" : "Ringing", "sip:a@core", "sip:b@core", callId, "INVITE"));
    }
}
