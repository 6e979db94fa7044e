package kz.btcom.fs.loadtest.functional;

/**
 * The two G.711 laws a test telephone speaks, with their static RTP payload types (RFC 3551), and the law itself
 * (ITU-T G.711, as in the reference g711.c): a 16-bit linear sample to one byte and back.
 */
enum Codec {
    PCMU(0),
    PCMA(8);

    private static final int[] A_LAW_SEGMENT_ENDS = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    private static final int[] U_LAW_SEGMENT_ENDS = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
    private static final int U_LAW_BIAS = 0x84;
    private static final int U_LAW_CLIP = 8159;

    final int payloadType;

    Codec(int payloadType) {
        this.payloadType = payloadType;
    }

    /** The codec of an RTP payload type, or null when it is neither law. */
    static Codec ofPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.payloadType == payloadType) {
                return codec;
            }
        }
        return null;
    }

    byte encode(int sample) {
        return this == PCMA ? alaw(sample) : ulaw(sample);
    }

    short decode(byte code) {
        return this == PCMA ? alawToLinear(code) : ulawToLinear(code);
    }

    private static byte alaw(int sample) {
        int value = clamp(sample) >> 3;
        int mask;
        if (value >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            value = -value - 1;
        }
        int segment = segment(value, A_LAW_SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte) (code ^ mask);
    }

    private static short alawToLinear(byte code) {
        int a = (code ^ 0x55) & 0xFF;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        switch (segment) {
            case 0 -> magnitude += 8;
            case 1 -> magnitude += 0x108;
            default -> magnitude = (magnitude + 0x108) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
    }

    private static byte ulaw(int sample) {
        int value = clamp(sample) >> 2;
        int mask;
        if (value < 0) {
            value = -value;
            mask = 0x7F;
        } else {
            mask = 0xFF;
        }
        value = Math.min(value, U_LAW_CLIP) + (U_LAW_BIAS >> 2);
        int segment = segment(value, U_LAW_SEGMENT_ENDS);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        return (byte) (((segment << 4) | ((value >> (segment + 1)) & 0x0F)) ^ mask);
    }

    private static short ulawToLinear(byte code) {
        int u = ~code & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + U_LAW_BIAS) << ((u & 0x70) >> 4);
        return (short) ((u & 0x80) != 0 ? U_LAW_BIAS - magnitude : magnitude - U_LAW_BIAS);
    }

    private static int clamp(int sample) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }

    private static int segment(int value, int[] ends) {
        for (int i = 0; i < ends.length; i++) {
            if (value <= ends[i]) {
                return i;
            }
        }
        return ends.length;
    }
}
