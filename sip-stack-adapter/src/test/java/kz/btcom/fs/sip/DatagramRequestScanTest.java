package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arrival screen's quick read of a datagram, and the stateless 503 it writes from it. */
class DatagramRequestScanTest {

    private static final String INVITE = """
            INVITE sip:+77272777888@fs.btcom.kz;user=phone SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport\r
            Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKcore\r
            Max-Forwards: 70\r
            From: "Алма" <sip:77172123456@127.0.0.1>;tag=1\r
            To: <sip:+77272777888@fs.btcom.kz;user=phone>\r
            Call-ID: 1-42@127.0.0.1\r
            CSeq: 1 INVITE\r
            Content-Type: application/sdp\r
            Content-Length: 4\r
            \r
            v=0
            """;

    private static DatagramRequestScan scan(String text) {
        byte[] bytes = ("xx" + text).getBytes(StandardCharsets.UTF_8);
        return DatagramRequestScan.of(bytes, 2, bytes.length - 2);
    }

    @Test
    void readsWhatAdmissionNeeds() {
        DatagramRequestScan scan = scan(INVITE);
        assertEquals("INVITE", scan.method());
        assertEquals("1-42@127.0.0.1", scan.callId());
        assertEquals("z9hG4bK-1-0", scan.branch());
        assertFalse(scan.toTagged());
        assertEquals(2, scan.vias().size());
    }

    @Test
    void the503CopiesTheTransactionHeadersAndAddsATagAndRetryAfter() {
        String response = new String(scan(INVITE).serviceUnavailable("t1", 5), StandardCharsets.UTF_8);
        assertEquals("""
                SIP/2.0 503 Service Unavailable\r
                Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport\r
                Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKcore\r
                From: "Алма" <sip:77172123456@127.0.0.1>;tag=1\r
                To: <sip:+77272777888@fs.btcom.kz;user=phone>;tag=t1\r
                Call-ID: 1-42@127.0.0.1\r
                CSeq: 1 INVITE\r
                Retry-After: 5\r
                Content-Length: 0\r
                \r
                """, response);
    }

    @Test
    void compactFormsAndAToTagInsideTheUriAreReadRight() {
        DatagramRequestScan scan = scan("""
                ACK sip:a@b SIP/2.0\r
                v: SIP/2.0/UDP h:1 ; BRANCH = z9hG4bKx , SIP/2.0/UDP h2:2;branch=z9hG4bKy\r
                f: <sip:a@b>;tag=1\r
                t: <sip:c@d;tag=inuri>\r
                i: abc\r
                CSeq: 1 ACK\r
                \r
                """);
        assertEquals("ACK", scan.method());
        assertEquals("z9hG4bKx", scan.branch());
        assertEquals("abc", scan.callId());
        assertFalse(scan.toTagged());
        assertTrue(DatagramRequestScan.hasTag("To: sip:c@d;tag=1"));
        assertTrue(DatagramRequestScan.hasTag("To: <sip:c@d> ; tag=1"));
    }

    @Test
    void whatItCannotReadPlainlyIsLeftToTheStack() {
        assertNull(scan("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n"), "a response");
        assertNull(scan(INVITE.replace("CSeq: 1 INVITE\r\n", "")), "no CSeq");
        assertNull(scan(INVITE.replace("Max-Forwards: 70\r\n", "Subject: a\r\n  folded\r\n")), "a folded line");
        assertNull(scan(INVITE.substring(0, 120)), "the headers do not end");
        assertNull(scan("garbage"), "no line at all");
    }

    @Test
    void theMethodTestIsAPrefixAndASpace() {
        byte[] invite = "INVITE sip:a SIP/2.0".getBytes(StandardCharsets.US_ASCII);
        assertTrue(DatagramRequestScan.startsWithMethod(invite, 0, invite.length, "INVITE"));
        assertFalse(DatagramRequestScan.startsWithMethod(invite, 0, invite.length, "ACK"));
        byte[] longer = "INVITEX sip:a SIP/2.0".getBytes(StandardCharsets.US_ASCII);
        assertFalse(DatagramRequestScan.startsWithMethod(longer, 0, longer.length, "INVITE"));
    }
}
