package kz.btcom.fs.sip;

import kz.btcom.fs.call.ReferRequest;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A REFER as the stack parses it, read into what the services are shown of it. */
class ReferReaderTest {

    @Test
    void aBlindTransferNamesItsTargetAndWhoReferred() throws Exception {
        Request refer = refer("Refer-To: <sip:+77272555000@core.example;user=phone>\r\n"
                + "Referred-By: \"Alice\" <sip:+77272777888@core.example>\r\n");

        assertEquals(Optional.of(new ReferRequest("sip:+77272555000@core.example;user=phone",
                Optional.of("sip:+77272777888@core.example"), Optional.empty())), ReferReader.read(refer));
    }

    @Test
    void anAttendedTransferNamesTheDialogItReplacesWithoutTheEscapes() throws Exception {
        Request refer = refer(
                "Refer-To: <sip:+77272555000@core.example?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n");

        assertEquals(Optional.of(new ReferRequest("sip:+77272555000@core.example", Optional.empty(),
                Optional.of("abc@h;to-tag=1;from-tag=2"))), ReferReader.read(refer));
    }

    @Test
    void aReferWithoutReferToIsNotReadAtAll() throws Exception {
        assertEquals(Optional.empty(), ReferReader.read(refer("")));
    }

    @Test
    void aReplacesInTheReferToIsUnescapedAsAUriHeaderNotAsAForm() {
        assertEquals("a+b@host;to-tag=1", ReferReader.unescape("a+b%40host%3Bto-tag%3D1"));
    }

    @Test
    void aBrokenEscapeStaysAsItCame() {
        assertEquals("50%", ReferReader.unescape("50%"));
        assertEquals("%zz", ReferReader.unescape("%zz"));
    }

    @Test
    void escapedUtf8IsReadAsUtf8() {
        assertEquals("é", ReferReader.unescape("%C3%A9"));
    }

    private static Request refer(String referHeaders) throws Exception {
        String text = "REFER sip:b2bua@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:callee@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b2bua@127.0.0.1>;tag=2\r\n"
                + "Call-ID: refer-1@127.0.0.1\r\n"
                + "CSeq: 2 REFER\r\n"
                + "Contact: <sip:callee@127.0.0.1:5070>\r\n"
                + referHeaders
                + "Content-Length: 0\r\n\r\n";
        return (Request) new GuardedParser(null).parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false,
                null);
    }
}
