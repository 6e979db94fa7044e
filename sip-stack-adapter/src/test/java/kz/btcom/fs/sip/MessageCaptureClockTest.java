package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipMessageTap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A trace's times come from the server's clock wherever the stack gives none, so tests can fix them. */
class MessageCaptureClockTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.250Z");

    private final List<CapturedSipMessage> taken = new ArrayList<>();
    private final MessageCapture capture = new MessageCapture("clock-test", new SipMessageTap() {
        @Override
        public boolean active() {
            return true;
        }

        @Override
        public void onMessage(CapturedSipMessage message) {
            taken.add(message);
        }
    }, CallKeys.NONE, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRawDatagramIsStampedByTheServersClock() {
        capture.offerRaw("INVITE sip:x SIP/2.0\r\nCall-ID: raw@10.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                "10.0.0.1:5070", "10.0.0.2:5060", false);

        assertEquals(List.of(NOW), times());
    }

    @Test
    void aMessageTheStackLoggedWithoutATimeIsStampedByTheServersClock() {
        capture.offer(options(), "10.0.0.1:5070", "10.0.0.2:5060", false, 0);

        assertEquals(List.of(NOW), times());
    }

    @Test
    void aMessageTheStackLoggedWithATimeKeepsIt() {
        Instant stackTime = NOW.minusSeconds(3);

        capture.offer(options(), "10.0.0.1:5070", "10.0.0.2:5060", false, stackTime.toEpochMilli());

        assertEquals(List.of(stackTime), times());
    }

    private List<Instant> times() {
        return taken.stream().map(CapturedSipMessage::time).toList();
    }

    private static SIPMessage options() {
        String text = "OPTIONS sip:fs@10.0.0.2:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK-clock\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:core@10.0.0.1>;tag=1\r\n"
                + "To: <sip:fs@10.0.0.2>\r\n"
                + "Call-ID: clock@10.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        try {
            return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
