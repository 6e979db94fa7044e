package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The arithmetic of one tick: each receiver gets the saturating sum of the others, never itself. */
class MixerTest {

    private final Mixer mixer = new Mixer();
    private final short[] out = new short[160];

    @Test
    void eachReceiverHearsTheSumOfTheOthersButNotItself() {
        short[] a = constant(100);
        short[] b = constant(-30);
        short[] c = constant(7);
        mixer.clear();
        mixer.add(a);
        mixer.add(b);
        mixer.add(c);

        mixer.othersThan(a, out);
        assertArrayEquals(constant(-23), out);
        mixer.othersThan(b, out);
        assertArrayEquals(constant(107), out);
        mixer.othersThan(c, out);
        assertArrayEquals(constant(70), out);
    }

    @Test
    void aReceiverThatIsNotHeardGetsEveryone() {
        mixer.clear();
        mixer.add(constant(1000));
        mixer.add(constant(2000));

        mixer.othersThan(null, out);

        assertArrayEquals(constant(3000), out);
    }

    @Test
    void sumsSaturateAtSixteenBitsInsteadOfWrappingAround() {
        short[] loud = constant(30000);
        short[] alsoLoud = constant(20000);
        short[] quiet = constant(-100);
        mixer.clear();
        mixer.add(loud);
        mixer.add(alsoLoud);
        mixer.add(quiet);

        mixer.othersThan(quiet, out);
        assertArrayEquals(constant(Short.MAX_VALUE), out, "50000 clamps to 32767");
        mixer.othersThan(loud, out);
        assertArrayEquals(constant(19900), out, "the clamp is applied to what each receiver hears, not to a total");

        mixer.clear();
        mixer.add(constant(-30000));
        mixer.add(constant(-30000));
        mixer.othersThan(null, out);
        assertArrayEquals(constant(Short.MIN_VALUE), out);
    }

    @Test
    void aNewTickForgetsThePreviousOne() {
        mixer.clear();
        mixer.add(constant(500));
        mixer.clear();

        mixer.othersThan(null, out);

        assertArrayEquals(new short[160], out, "nobody heard: silence");
    }

    @Test
    void theEncodedMixIsTheMixEncodedInTheReceiversCodec() {
        short[] a = new short[160];
        short[] b = new short[160];
        for (int i = 0; i < 160; i++) {
            a[i] = (short) (i * 200 - 16000);
            b[i] = (short) (20000 - i * 37);
        }
        mixer.clear();
        mixer.add(a);
        mixer.add(b);

        for (Codec codec : Codec.values()) {
            byte[] encoded = new byte[160];
            mixer.encodeOthersThan(a, CompandingTables.encoding(codec), encoded);
            mixer.othersThan(a, out);
            assertArrayEquals(codec.encode(out), encoded, codec.toString());
            mixer.encodeOthersThan(null, CompandingTables.encoding(codec), encoded);
            mixer.othersThan(null, out);
            assertArrayEquals(codec.encode(out), encoded, codec + ", everyone");
        }
    }

    private static short[] constant(int value) {
        short[] frame = new short[160];
        Arrays.fill(frame, (short) value);
        return frame;
    }
}
