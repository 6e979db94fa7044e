package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The indication tones: 425 Hz at -10 dBm0 in their cadences, computed once. */
class ToneTest {

    @Test
    void positiveIsThreeLongBurstsAndNegativeTheFastCadence() {
        assertEquals(Duration.ofMillis(3600), Tone.POSITIVE.duration());
        assertEquals(Duration.ofMillis(3200), Tone.NEGATIVE.duration());
    }

    @Test
    void negativePausesEveryTwoHundredMilliseconds() {
        PromptAudio negative = Tone.NEGATIVE.audio();
        assertTrue(rms(negative, 20, 180) > 4000, "a burst from 0 to 200 ms");
        assertEquals(0, rms(negative, 200, 400), 0.0, "a pause from 200 to 400 ms");
        assertTrue(rms(negative, 420, 580) > 4000, "a burst from 400 to 600 ms");
    }

    @Test
    void positivePausesOnlyBetweenItsBursts() {
        PromptAudio positive = Tone.POSITIVE.audio();
        assertTrue(rms(positive, 20, 980) > 4000);
        assertEquals(0, rms(positive, 1000, 1200), 0.0);
        assertTrue(rms(positive, 1220, 2180) > 4000);
    }

    @Test
    void theToneIs425HzAtMinusTenDbm0() {
        PromptAudio positive = Tone.POSITIVE.audio();
        int crossings = 0;
        for (int i = 801; i < 7201; i++) { // 0.1 s to 0.9 s: the steady part of the first burst
            if ((positive.sample(i - 1) < 0) != (positive.sample(i) < 0)) {
                crossings++;
            }
        }
        assertEquals(2 * 425 * 0.8, crossings, 4, "two zero crossings per cycle over 0.8 s");
        double expectedRms = 22_750 * Math.pow(10, -10 / 20.0) / Math.sqrt(2);
        assertEquals(expectedRms, rms(positive, 100, 900), expectedRms * 0.02);
    }

    @Test
    void theSamplesAreComputedOnceWithBothEncodings() {
        assertSame(Tone.NEGATIVE.audio().encoded(Codec.PCMA), Tone.NEGATIVE.audio().encoded(Codec.PCMA));
        assertEquals((byte) 0xD5, Tone.NEGATIVE.audio().encoded(Codec.PCMA)[8 * 300], "silence at 300 ms, A-law");
        assertEquals((byte) 0xFF, Tone.NEGATIVE.audio().encoded(Codec.PCMU)[8 * 300], "silence at 300 ms, μ-law");
    }

    private static double rms(PromptAudio audio, int fromMillis, int toMillis) {
        double sum = 0;
        int from = fromMillis * 8;
        int to = toMillis * 8;
        for (int i = from; i < to; i++) {
            sum += (double) audio.sample(i) * audio.sample(i);
        }
        return Math.sqrt(sum / (to - from));
    }
}
