package kz.btcom.fs.media;

import java.util.Arrays;

/**
 * The arithmetic of one mixing tick: the frames of the parties that are heard are summed once, and each receiver
 * gets that sum less its own frame, so nobody hears themselves. Sums are taken in {@code int} and clamped to 16 bits
 * only at the end: the result is exactly the saturating sum of the others, whatever the order of adding.
 */
final class Mixer {

    static final int FRAME_SAMPLES = 160;

    private final int[] sum = new int[FRAME_SAMPLES];

    /** Starts a tick: nobody heard yet. */
    void clear() {
        Arrays.fill(sum, 0);
    }

    /** Adds a heard party's frame to this tick's sum. */
    void add(short[] frame) {
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            sum[i] += frame[i];
        }
    }

    /**
     * What a receiver hears: the sum of every added frame but {@code own}, clamped to 16 bits.
     *
     * @param own the receiver's own frame as it was {@link #add added}, or null when the receiver is not heard
     */
    void othersThan(short[] own, short[] out) {
        if (own == null) {
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                out[i] = clamp(sum[i]);
            }
        } else {
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                out[i] = clamp(sum[i] - own[i]);
            }
        }
    }

    /**
     * {@link #othersThan} and the receiver's encoding in one pass: {@code out[i] = encoding[clamped sample]}.
     *
     * @param encoding a table from {@link CompandingTables#encoding}
     */
    void encodeOthersThan(short[] own, byte[] encoding, byte[] out) {
        if (own == null) {
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                out[i] = encoding[(char) clamp(sum[i])];
            }
        } else {
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                out[i] = encoding[(char) clamp(sum[i] - own[i])];
            }
        }
    }

    private static short clamp(int sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
