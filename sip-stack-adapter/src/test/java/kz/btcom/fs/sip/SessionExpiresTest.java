package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.StringMsgParser;
import org.junit.jupiter.api.Test;

import javax.sip.message.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the session interval is read from a 2xx: anything it cannot use means no watch, never a wrong one. */
class SessionExpiresTest {

    @Test
    void theDeltaSecondsWithOrWithoutTheRefresher() throws Exception {
        assertEquals(Optional.of(Duration.ofSeconds(1800)),
                SessionRefreshWatch.sessionExpires(ok("Session-Expires: 1800;refresher=uac")));
        assertEquals(Optional.of(Duration.ofSeconds(90)),
                SessionRefreshWatch.sessionExpires(ok("Session-Expires: 90")));
    }

    @Test
    void theCompactForm() throws Exception {
        assertEquals(Optional.of(Duration.ofSeconds(600)),
                SessionRefreshWatch.sessionExpires(ok("x: 600;refresher=uas")));
    }

    @Test
    void noneMeansNoSessionTimer() throws Exception {
        assertEquals(Optional.empty(), SessionRefreshWatch.sessionExpires(ok("Supported: timer")));
    }

    private static Message ok(String header) throws Exception {
        String text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\nCall-ID: c@127.0.0.1\r\n"
                + "CSeq: 2 UPDATE\r\n" + header + "\r\nContent-Length: 0\r\n\r\n";
        return new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
