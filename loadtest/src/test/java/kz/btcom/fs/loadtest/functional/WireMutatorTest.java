package kz.btcom.fs.loadtest.functional;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wire fuzz's guard: whatever the mutations did, the hosts the server could answer or call are loopback. */
class WireMutatorTest {

    @Test
    void aWellFormedRequestIsLeftAsItIs() {
        WireMutator mutator = new WireMutator(1, 35070);
        for (String method : WireMutator.METHODS) {
            String request = mutator.wellFormed(7, method, "UDP");
            assertEquals(request, WireMutator.onLoopback(request, 35070));
        }
    }

    @Test
    void everyOtherHostInViaContactAndRoutesBecomesLoopbackAndMaddrOrReceivedGo() {
        String request = "INVITE sip:x@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 8.8.8.8:5060;branch=z9hG4bK1;maddr=224.0.0.1;received=192.0.2.1;rport\r\n"
                + "v: SIP/2.0/TCP evil;branch=z9hG4bK2\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK3,\r\n SIP/2.0/UDP [2001:db8::1]:5060\r\n"
                + "Contact: <sip:u@host.example.com:5060;transport=tcp>\r\n"
                + "m: <sips:evil>\r\n"
                + "Record-Route: <sip:10.1.2.3;lr>\r\n"
                + "From: <sip:a@untouched.example>;tag=1\r\n\r\n"
                + "c=IN IP4 192.0.2.9\r\n";
        String guarded = WireMutator.onLoopback(request, 35070);
        String headers = guarded.substring(0, guarded.indexOf("From:"));
        assertFalse(headers.contains("maddr") || headers.contains("received"), guarded);
        Matcher hosts = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+|[a-z]+\\.example|evil|2001").matcher(
                headers.substring(headers.indexOf("\r\n")));
        while (hosts.find()) {
            assertEquals("127.0.0.1", hosts.group(), guarded);
        }
        assertTrue(guarded.contains("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1"), guarded);
        assertTrue(guarded.contains("From: <sip:a@untouched.example>"), "other headers as they were: " + guarded);
        assertTrue(guarded.endsWith("c=IN IP4 192.0.2.9\r\n"), "the body's other lines as they were: " + guarded);
    }

    @Test
    void mutatedRequestsKeepTheirGuard() {
        WireMutator mutator = new WireMutator(42, 35070);
        // An address as a token of its own: after "/" it is a protocol version the mutations ran into
        // ("SIP/2.127.0.0.1"), after a letter part of a token ("SIP/2.0/T27.0.0.1"),
        // which no parser takes for a host.
        Pattern foreign = Pattern.compile(
                "(?i)(maddr|received)\\s*=|(?<![/0-9.A-Za-z_-])(?!127\\.0\\.0\\.1\\b)\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        for (int n = 0; n < 20_000; n++) {
            String text = new String(mutator.next(n, n % 2 == 0 ? "UDP" : "TCP"), StandardCharsets.ISO_8859_1);
            for (String line : text.substring(Math.max(0, text.indexOf('\n'))).split("\r\n|\n|\r")) {
                if (line.matches("(?is)\\s*(via|v|contact|m|route|record-route)\\s*:.*")) {
                    assertFalse(foreign.matcher(line).find(), n + ": " + line);
                }
            }
        }
    }
}
