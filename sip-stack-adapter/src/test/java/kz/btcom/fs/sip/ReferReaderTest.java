package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReferReaderTest {

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
}
