package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** G.711 against the values every implementation agrees on, and the round trips the tables imply. */
class G711Test {

    @Test
    void silenceEncodesToTheIdleCodes() {
        assertEquals((byte) 0xD5, Codec.PCMA.encode((short) 0));
        assertEquals((byte) 0xFF, Codec.PCMU.encode((short) 0));
        assertEquals((byte) 0x55, Codec.PCMA.encode((short) -1), "A-law has no negative zero: -1 is the -8 step");
        assertEquals((byte) 0x7E, Codec.PCMU.encode((short) -1));
    }

    @Test
    void fullScaleEncodesToTheTopCodes() {
        assertEquals((byte) 0xAA, Codec.PCMA.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, Codec.PCMA.encode(Short.MIN_VALUE));
        assertEquals((byte) 0x80, Codec.PCMU.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, Codec.PCMU.encode(Short.MIN_VALUE));
    }

    @Test
    void knownCodesDecodeToTheirTableValues() {
        assertEquals(8, Codec.PCMA.decode((byte) 0xD5));
        assertEquals(-8, Codec.PCMA.decode((byte) 0x55));
        assertEquals(32256, Codec.PCMA.decode((byte) 0xAA));
        assertEquals(-32256, Codec.PCMA.decode((byte) 0x2A));
        assertEquals(0, Codec.PCMU.decode((byte) 0xFF));
        assertEquals(0, Codec.PCMU.decode((byte) 0x7F));
        assertEquals(32124, Codec.PCMU.decode((byte) 0x80));
        assertEquals(-32124, Codec.PCMU.decode((byte) 0x00));
    }

    @Test
    void everyAlawCodeSurvivesDecodeAndEncode() {
        for (int code = 0; code < 256; code++) {
            byte original = (byte) code;
            assertEquals(original, Codec.PCMA.encode(Codec.PCMA.decode(original)), "A-law code " + code);
        }
    }

    @Test
    void everyUlawCodeSurvivesDecodeAndEncodeButNegativeZero() {
        for (int code = 0; code < 256; code++) {
            byte original = (byte) code;
            byte expected = code == 0x7F ? (byte) 0xFF : original; // both zeros encode back as positive zero
            assertEquals(expected, Codec.PCMU.encode(Codec.PCMU.decode(original)), "μ-law code " + code);
        }
    }

    @Test
    void aRoundTripStaysWithinHalfAQuantizationStep() {
        for (Codec codec : Codec.values()) {
            for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample += 7) {
                int decoded = codec.decode(codec.encode((short) sample));
                int error = Math.abs(decoded - sample);
                // Steps double per segment: 16 at the bottom, 1024 at the top (~1/32 of the value); μ-law clips
                // at 32124.
                int allowed = Math.max(16, Math.abs(sample) / 16) + (codec == Codec.PCMU ? 700 : 0);
                assertTrue(error <= allowed, codec + " " + sample + " -> " + decoded);
            }
        }
    }

    @Test
    void decodingPreservesTheOrderOfSamples() {
        for (Codec codec : Codec.values()) {
            int previous = Integer.MIN_VALUE;
            for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
                int decoded = codec.decode(codec.encode((short) sample));
                assertTrue(decoded >= previous, codec + " is not monotonic at " + sample);
                previous = decoded;
            }
        }
    }
}
