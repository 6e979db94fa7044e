package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A capture file as a technician opens it: tshark, with no options, lists every SIP message (Call-ID, method or
 * status) whether it went over UDP or TCP, on 5060 or another port, and finds nothing malformed.
 */
class TsharkReadsCapturesTest {

    private static final String[] SIP_FIELDS = {"-Y", "sip", "-T", "fields", "-e", "sip.Call-ID", "-e", "sip.Method",
            "-e", "sip.Status-Code"};
    private static final InetSocketAddress CORE_5080 = new InetSocketAddress("127.0.0.1", 5080);
    private static final InetSocketAddress SERVER_5062 = new InetSocketAddress("127.0.0.1", 5062);

    @TempDir
    Path dir;

    @BeforeAll
    static void tshark() throws Exception {
        Tshark.ensureInstalled();
    }

    private Path capture(CapturedSipMessage... messages) throws Exception {
        Path path = dir.resolve("capture.pcap");
        try (CaptureFile file = CaptureFile.create(path, TraceLimits.DEFAULTS.maxBytesPerCapture())) {
            for (CapturedSipMessage message : messages) {
                assertTrue(file.append(message));
            }
        }
        return path;
    }

    private static CapturedSipMessage message(String transport, InetSocketAddress from, InetSocketAddress to,
                                              byte[] bytes) {
        return new CapturedSipMessage(SipTexts.AT, transport, from, to, "key", false, List.of(), bytes);
    }

    private static byte[] invite(String callId) {
        return SipTexts.request("INVITE", "sip:+77272777888@fs;user=phone", "sip:+77272777000@core",
                "sip:+77272777888@fs", callId, 1);
    }

    private static byte[] ok(String callId) {
        return SipTexts.response(200, "OK", "sip:+77272777000@core", "sip:+77272777888@fs", callId, "INVITE");
    }

    @Test
    void udpOn5060() throws Exception {
        Path file = capture(message("udp", SipTexts.CORE, SipTexts.SERVER, invite("udp-5060@core")),
                message("udp", SipTexts.SERVER, SipTexts.CORE, ok("udp-5060@core")));

        List<String> lines = Tshark.read(file, SIP_FIELDS);

        System.out.println("tshark, UDP 5060:\n" + String.join("\n", lines));
        assertEquals(List.of("udp-5060@core\tINVITE\t", "udp-5060@core\t\t200"), lines);
    }

    @Test
    void udpOnOtherPortsNeedsNoDecodeAs() throws Exception {
        Path file = capture(message("udp", CORE_5080, SERVER_5062, invite("udp-5062@core")),
                message("udp", SERVER_5062, CORE_5080, ok("udp-5062@core")));

        List<String> lines = Tshark.read(file, SIP_FIELDS);

        System.out.println("tshark, UDP 5080-5062:\n" + String.join("\n", lines));
        assertEquals(List.of("udp-5062@core\tINVITE\t", "udp-5062@core\t\t200"), lines);
    }

    @Test
    void tcpStreamsInBothDirections() throws Exception {
        Path file = capture(message("tcp", CORE_5080, SERVER_5062, invite("tcp@core")),
                message("tcp", SERVER_5062, CORE_5080, ok("tcp@core")),
                message("tcp", SipTexts.SERVER, SipTexts.CORE, invite("tcp-onward@fs")),
                message("tcp", SipTexts.CORE, SipTexts.SERVER, ok("tcp-onward@fs")));

        List<String> lines = Tshark.read(file, SIP_FIELDS);

        System.out.println("tshark, TCP:\n" + String.join("\n", lines));
        assertEquals(List.of("tcp@core\tINVITE\t", "tcp@core\t\t200", "tcp-onward@fs\tINVITE\t",
                "tcp-onward@fs\t\t200"), lines);
    }

    @Test
    void nothingIsMalformedOrFlaggedByTheExpertInfo() throws Exception {
        Path file = capture(message("udp", CORE_5080, SERVER_5062, invite("a@core")),
                message("tcp", SipTexts.CORE, SipTexts.SERVER, invite("b@core")),
                message("tcp", SipTexts.SERVER, SipTexts.CORE, ok("b@core")));

        List<String> problems = Tshark.read(file, "-Y", "_ws.malformed || _ws.expert.severity >= warning"
                + " || ip.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\""
                + " || tcp.checksum.status == \"Bad\"",
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE");

        assertEquals(List.of(), problems);
    }
}
