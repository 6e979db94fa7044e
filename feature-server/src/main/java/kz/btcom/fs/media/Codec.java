package kz.btcom.fs.media;

import java.util.Optional;

/** The audio codecs the endpoint speaks: G.711 only, 8 kHz, one byte per sample (RFC 3551 static types). */
public enum Codec {
    PCMU(0, "PCMU") {
        @Override
        byte encode(short sample) {
            return G711.linearToUlaw(sample);
        }

        @Override
        short decode(byte code) {
            return G711.ulawToLinear(code);
        }
    },
    PCMA(8, "PCMA") {
        @Override
        byte encode(short sample) {
            return G711.linearToAlaw(sample);
        }

        @Override
        short decode(byte code) {
            return G711.alawToLinear(code);
        }
    };

    public static final int CLOCK_RATE = 8000;

    private final int staticPayloadType;
    private final String encodingName;

    Codec(int staticPayloadType, String encodingName) {
        this.staticPayloadType = staticPayloadType;
        this.encodingName = encodingName;
    }

    public int staticPayloadType() {
        return staticPayloadType;
    }

    public String encodingName() {
        return encodingName;
    }

    abstract byte encode(short sample);

    abstract short decode(byte code);

    byte[] encode(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = encode(samples[i]);
        }
        return out;
    }

    /** The codec an {@code a=rtpmap} names ({@code PCMA/8000}, {@code pcmu/8000/1}), if it is one of ours. */
    static Optional<Codec> byRtpmap(String encoding) {
        String[] parts = encoding.trim().split("/");
        if (parts.length < 2 || parts.length > 3 || !parts[1].equals(String.valueOf(CLOCK_RATE))
                || parts.length == 3 && !parts[2].equals("1")) {
            return Optional.empty();
        }
        for (Codec codec : values()) {
            if (codec.encodingName.equalsIgnoreCase(parts[0])) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** The codec a static payload type stands for (RFC 3551 table 4), if it is one of ours. */
    static Optional<Codec> byStaticPayloadType(int payloadType) {
        for (Codec codec : values()) {
            if (codec.staticPayloadType == payloadType) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
