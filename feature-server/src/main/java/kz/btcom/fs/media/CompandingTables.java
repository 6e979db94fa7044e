package kz.btcom.fs.media;

/**
 * G.711 as lookup tables, for the mixer: it decodes and encodes every sample of every party fifty times a second,
 * and a table read costs less than {@link G711}'s segment search. Built once from {@link G711} itself, so the two
 * cannot disagree.
 */
final class CompandingTables {

    private static final byte[] ALAW_ENCODE = encoder(Codec.PCMA);
    private static final byte[] ULAW_ENCODE = encoder(Codec.PCMU);
    private static final short[] ALAW_DECODE = decoder(Codec.PCMA);
    private static final short[] ULAW_DECODE = decoder(Codec.PCMU);

    private CompandingTables() {
    }

    /** Indexed by a 16-bit sample as an unsigned {@code char} ({@code table[(char) sample]}). */
    static byte[] encoding(Codec codec) {
        return codec == Codec.PCMA ? ALAW_ENCODE : ULAW_ENCODE;
    }

    /** Indexed by a code byte as unsigned ({@code table[code & 0xFF]}). */
    static short[] decoding(Codec codec) {
        return codec == Codec.PCMA ? ALAW_DECODE : ULAW_DECODE;
    }

    private static byte[] encoder(Codec codec) {
        byte[] table = new byte[1 << 16];
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++) {
            table[(char) sample] = codec.encode((short) sample);
        }
        return table;
    }

    private static short[] decoder(Codec codec) {
        short[] table = new short[256];
        for (int code = 0; code < 256; code++) {
            table[code] = codec.decode((byte) code);
        }
        return table;
    }
}
