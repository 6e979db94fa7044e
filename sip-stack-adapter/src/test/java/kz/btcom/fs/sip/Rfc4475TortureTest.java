package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 4475 torture messages, each sent as one UDP datagram to a running server (top Via rewritten to the
 * sender's own socket, every other byte as in the RFC), with the answer rfc4475/EXPECTED.md gives for a B2BUA.
 * After every message the server must still carry a normal call. Where EXPECTED.md allows two answers, the
 * table says which one this server gives.
 */
class Rfc4475TortureTest {

    /** What the server does with one message. */
    record Case(String file, Kind kind, int status, String header, String headerValue) {
        enum Kind { ANSWERED, RELAYED, DROPPED, UNSPECIFIED }

        @Override
        public String toString() {
            return file + " → " + switch (kind) {
                case ANSWERED -> Integer.toString(status) + (header == null ? "" : " with " + header);
                case RELAYED -> "relayed to the core";
                case DROPPED -> "dropped silently";
                case UNSPECIFIED -> "no expectation, still serving";
            };
        }
    }

    /** The table; {@code -Drfc4475.only=wsinv.dat,...} runs just those files (when chasing one case). */
    static Stream<Case> corpus() {
        String only = System.getProperty("rfc4475.only");
        return all().filter(c -> only == null || only.contains(c.file()));
    }

    static Stream<Case> all() {
        return Stream.of(
                // 3.1.1 valid messages: processed normally, never 400
                answered("wsinv.dat", 481),           // its To has a tag: a re-INVITE of no dialog (RFC 3261 12.2.2)
                answered("intmeth.dat", 501, "Allow"),
                relayed("esc01.dat"),
                answered("escnull.dat", 405, "Allow"),  // REGISTER, and this is not a registrar
                answered("esc02.dat", 501, "Allow"),    // RE%47IST%45R is not REGISTER
                answered("lwsdisp.dat", 200),
                relayed("longreq.dat"),
                answered("dblreq.dat", 405),            // the trailing INVITE is noise: never relayed
                answered("semiuri.dat", 200),
                answered("transports.dat", 200),
                answered("mpart01.dat", 405),           // MESSAGE: parsed, then not allowed
                dropped("unreason.dat"),
                dropped("noreason.dat"),
                // 3.1.2 invalid messages
                answered("badinv01.dat", 400),
                answered("clerr.dat", 400),
                answered("ncl.dat", 400),
                answered("scalar02.dat", 400),
                dropped("scalarlg.dat"),
                answered("quotbal.dat", 400),
                answered("ltgtruri.dat", 400),
                answered("lwsruri.dat", 400),
                relayed("lwsstart.dat"),                // 400 or liberal: the stack reads it, the onward leg is rebuilt
                answered("trws.dat", 200),              // 400 or liberal: liberal
                answered("escruri.dat", 400),
                relayed("baddate.dat"),                 // preferred: the B2BUA does not use Date
                answered("regbadct.dat", 405),          // 400 or liberal: brackets inferred, then not a registrar
                answered("badaspec.dat", 200),          // 400 or liberal: the spaces are ignored
                answered("baddn.dat", 400),             // for its missing blank line (a liberal parser takes the names)
                answered("badvers.dat", 505),
                answered("mismatch01.dat", 400),
                answered("mismatch02.dat", 501),        // 501 preferred over 400
                dropped("bigcode.dat"),
                // 3.2 transaction layer
                answered("badbranch.dat", 200),         // 400 or RFC 2543 matching: answered
                // 3.3 application layer
                answered("insuf.dat", 400),
                answered("unkscm.dat", 416),
                answered("novelsc.dat", 416),
                answered("unksm2.dat", 405),
                answered("bext01.dat", 420, "Unsupported", "nothingSupportsThis, nothingSupportsThisEither"),
                answered("invut.dat", 415, "Accept"),
                answered("regaut01.dat", 405),
                answered("multi01.dat", 400),
                answered("mcl01.dat", 400),
                dropped("bcast.dat"),
                answered("zeromf.dat", 200),
                answered("cparam01.dat", 405),
                answered("cparam02.dat", 405),
                answered("regescrt.dat", 405),
                answered("sdp01.dat", 406, "Warning"),
                // 3.4 backward compatibility
                relayed("inv2543.dat"),                 // no Max-Forwards, Contact, From tag or Content-Length
                // in the archive only: no expectation (it is answered 400, having no SIP-Version, Via or CSeq)
                new Case("test.dat", Case.Kind.UNSPECIFIED, 0, null, null));
    }

    private RunningB2bua b2bua;

    /*
     * One server per message. The files reuse branch values (z9hG4bKkdjuw in 22 of them), and the stack
     * looks server transactions up by branch alone, so through one server a later file would be taken for an
     * earlier file's (lingering) transaction and dropped. Real clients make branches unique (RFC 3261 8.1.1.7).
     */
    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    void eachTortureMessageGetsItsExpectedAnswerAndTheServerStillServesCalls(Case c) {
        try (SipPeer torturer = SipPeer.udp("torturer")) {
            torturer.sendingTo(b2bua.port);
            torturer.sendRaw(Rfc4475Corpus.withTopViaAt(Rfc4475Corpus.read(c.file()), torturer.port()));

            switch (c.kind()) {
                case ANSWERED -> {
                    SipMessage answer = torturer.expect(m -> !m.isRequest() && m.status() >= 200, "a final response");
                    assertEquals(c.status(), answer.status(), c.file() + " got " + answer.startLine());
                    if (c.header() != null) {
                        assertNotNull(answer.header(c.header()), c.file() + " answer lacks " + c.header());
                    }
                    if (c.headerValue() != null) {
                        assertEquals(c.headerValue().replace(" ", ""), answer.header(c.header()).replace(" ", ""));
                    }
                }
                case RELAYED -> {
                    SipMessage onward = b2bua.core.expectRequest("INVITE");
                    b2bua.core.reply(onward, 603);
                    b2bua.core.expectRequest("ACK");
                    SipMessage answer = torturer.expect(m -> !m.isRequest() && m.status() >= 200, "the core's 603");
                    assertEquals(603, answer.status(), c.file() + " got " + answer.startLine());
                }
                case DROPPED, UNSPECIFIED -> { }
            }

            b2bua.completeCall(b2bua.newUdpPeer("caller-after-" + c.file()));
            b2bua.awaitNoCallsInProgress();
            b2bua.core.assertNothingReceived(SipMessage::isRequest, "request from " + c.file());
            if (c.kind() == Case.Kind.DROPPED) {
                torturer.assertNothingReceived(m -> true, "answer to a response");
            }
            if (c.kind() != Case.Kind.UNSPECIFIED) {
                torturer.assertNothingReceived(m -> m.status() == 400 && c.status() != 400, "400");
            }
        }
    }

    /** EXPECTED.md's sha256 list: the files are the RFC's bytes (no editor or git has normalised them). */
    @Test
    void theCorpusIsByteForByteTheRfcArchive() throws Exception {
        String expected = new String(Rfc4475Corpus.read("EXPECTED.md"), StandardCharsets.UTF_8);
        Matcher line = Pattern.compile("(?m)^([0-9a-f]{64})  (\\S+\\.dat)$").matcher(expected);
        List<String> checked = new ArrayList<>();
        while (line.find()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Rfc4475Corpus.read(line.group(2)));
            assertEquals(line.group(1), HexFormat.of().formatHex(digest), line.group(2));
            checked.add(line.group(2));
        }
        assertEquals(50, checked.size());
        assertEquals(50, corpus().count(), "every file has an expectation");
    }

    @Test
    void theViaRewriteChangesOnlyTheTopSentByAndMaddr() {
        byte[] original = ("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1:5060;maddr=255.255.255.255;branch=z9hG4bK1,"
                + " SIP/2.0/UDP 192.0.2.2\r\nv:  SIP / 2.0 / TCP  x.example.com\r\nCall-ID: \u0000x\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        String rewritten = new String(Rfc4475Corpus.withTopViaAt(original, 4321), StandardCharsets.ISO_8859_1);
        assertEquals(("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:4321;rport;branch=z9hG4bK1,"
                + " SIP/2.0/UDP 192.0.2.2\r\nv:  SIP / 2.0 / TCP  x.example.com\r\nCall-ID: \u0000x\r\n\r\n"), rewritten);

        String folded = new String(Rfc4475Corpus.withTopViaAt(Rfc4475Corpus.read("wsinv.dat"), 4321),
                StandardCharsets.ISO_8859_1);
        assertTrue(folded.contains("Via  : SIP  /   2.0\r\n /UDP\r\n    127.0.0.1:4321;rport;branch=390skdjuw\r\n"));
        assertEquals(Rfc4475Corpus.read("wsinv.dat").length + "127.0.0.1:4321;rport".length() - "192.0.2.2".length(),
                folded.length());
    }

    private static Case answered(String file, int status) {
        return new Case(file, Case.Kind.ANSWERED, status, null, null);
    }

    private static Case answered(String file, int status, String header) {
        return new Case(file, Case.Kind.ANSWERED, status, header, null);
    }

    private static Case answered(String file, int status, String header, String value) {
        return new Case(file, Case.Kind.ANSWERED, status, header, value);
    }

    private static Case relayed(String file) {
        return new Case(file, Case.Kind.RELAYED, 0, null, null);
    }

    private static Case dropped(String file) {
        return new Case(file, Case.Kind.DROPPED, 0, null, null);
    }
}
