package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mixer's G.711 tables agree with {@link G711} on every input. */
class CompandingTablesTest {

    @Test
    void everySampleAndEveryCodeMatchesTheArithmetic() {
        for (Codec codec : Codec.values()) {
            byte[] encoding = CompandingTables.encoding(codec);
            for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
                assertEquals(codec.encode((short) sample), encoding[(char) sample], codec + " " + sample);
            }
            short[] decoding = CompandingTables.decoding(codec);
            for (int code = 0; code < 256; code++) {
                assertEquals(codec.decode((byte) code), decoding[code], codec + " code " + code);
            }
        }
    }
}
