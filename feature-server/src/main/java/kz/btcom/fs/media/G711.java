package kz.btcom.fs.media;

/**
 * ITU-T G.711 companding between 16-bit linear PCM and 8-bit A-law or μ-law, the segment-and-step form of the
 * Recommendation (the same arithmetic as the ITU-T G.191 reference code). Input is 16-bit: A-law uses its top 13
 * bits and μ-law its top 14, as G.711 defines them.
 */
final class G711 {

    /** Upper ends of the A-law segments on the 13-bit magnitude. */
    private static final int[] A_LAW_SEGMENT_ENDS = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    /** Upper ends of the μ-law segments on the biased 14-bit magnitude. */
    private static final int[] U_LAW_SEGMENT_ENDS = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    /** μ-law's bias (33 on the 14-bit scale, 132 on the decoder's scale) makes the segments line up. */
    private static final int U_LAW_BIAS = 0x84;
    private static final int U_LAW_CLIP = 8159;

    private G711() {
    }

    static byte linearToAlaw(int sample) {
        int pcm = sample >> 3;
        int mask;
        if (pcm >= 0) {
            mask = 0xD5; // sign bit set, even bits inverted (G.711 transmits A-law with alternate bits inverted)
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = segment(pcm, A_LAW_SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4;
        code |= segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    static short alawToLinear(byte code) {
        int value = (code ^ 0x55) & 0xFF;
        int magnitude = (value & 0x0F) << 4;
        int segment = (value & 0x70) >> 4;
        switch (segment) {
            case 0 -> magnitude += 8;
            case 1 -> magnitude += 0x108;
            default -> magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    static byte linearToUlaw(int sample) {
        int pcm = sample >> 2;
        int mask;
        if (pcm < 0) {
            pcm = -pcm;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        pcm = Math.min(pcm, U_LAW_CLIP) + (U_LAW_BIAS >> 2);
        int segment = segment(pcm, U_LAW_SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = (segment << 4) | ((pcm >> (segment + 1)) & 0x0F);
        return (byte) (code ^ mask);
    }

    static short ulawToLinear(byte code) {
        int value = ~code & 0xFF;
        int magnitude = (((value & 0x0F) << 3) + U_LAW_BIAS) << ((value & 0x70) >> 4);
        return (short) ((value & 0x80) != 0 ? U_LAW_BIAS - magnitude : magnitude - U_LAW_BIAS);
    }

    private static int segment(int magnitude, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (magnitude <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
