package kz.btcom.fs.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the audio out of a RIFF/WAVE file that is already in telephone format: 8 kHz mono, 16-bit linear PCM,
 * A-law or μ-law. Anything else is refused rather than resampled: a prompt is recorded once, and converting it
 * offline (sox) is better than doing it badly on every start.
 */
final class WavReader {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_ULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    static final String REQUIRED = "a prompt must be 8000 Hz mono, 16-bit PCM, A-law or μ-law "
            + "(convert it with: sox in.wav -r 8000 -c 1 -e a-law out.wav)";

    private WavReader() {
    }

    /** @param name the file's name for messages */
    static short[] read(String name, byte[] file) throws UnsupportedPromptException {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !tag(in, 0).equals("RIFF") || !tag(in, 8).equals("WAVE")) {
            throw new UnsupportedPromptException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        Format format = null;
        int position = 12;
        while (position + 8 <= file.length) {
            String id = tag(in, position);
            long size = Integer.toUnsignedLong(in.getInt(position + 4));
            int body = position + 8;
            // Writers that stream set the size to "unknown" (0xFFFFFFFF); what is there is what there is.
            int available = (int) Math.min(size, file.length - body);
            if (id.equals("fmt ")) {
                format = Format.read(name, in, body, available);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new UnsupportedPromptException(name + ": the data chunk comes before the fmt chunk");
                }
                return format.decode(name, in, body, available);
            }
            position = body + available + (available % 2); // chunks are padded to an even size
        }
        throw new UnsupportedPromptException(name + ": " + (format == null ? "no fmt chunk" : "no data chunk"));
    }

    private static String tag(ByteBuffer in, int at) {
        byte[] bytes = new byte[4];
        in.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The fmt chunk's fields that matter. */
    private record Format(int code, int channels, int sampleRate, int bitsPerSample) {

        static Format read(String name, ByteBuffer in, int at, int size) throws UnsupportedPromptException {
            if (size < 16) {
                throw new UnsupportedPromptException(name + ": the fmt chunk is too short");
            }
            int code = Short.toUnsignedInt(in.getShort(at));
            if (code == FORMAT_EXTENSIBLE && size >= 26) {
                code = Short.toUnsignedInt(in.getShort(at + 24)); // the sub-format GUID starts with the old code
            }
            Format format = new Format(code, Short.toUnsignedInt(in.getShort(at + 2)), in.getInt(at + 4),
                    Short.toUnsignedInt(in.getShort(at + 14)));
            if (!format.isTelephoneFormat()) {
                throw new UnsupportedPromptException(name + ": " + format + "; " + REQUIRED);
            }
            return format;
        }

        boolean isTelephoneFormat() {
            boolean encodingOk = code == FORMAT_PCM && bitsPerSample == 16
                    || (code == FORMAT_ALAW || code == FORMAT_ULAW) && bitsPerSample == 8;
            return encodingOk && channels == 1 && sampleRate == Codec.CLOCK_RATE;
        }

        short[] decode(String name, ByteBuffer in, int at, int size) throws UnsupportedPromptException {
            int bytesPerSample = bitsPerSample / 8;
            short[] samples = new short[size / bytesPerSample];
            if (samples.length == 0) {
                throw new UnsupportedPromptException(name + ": the file holds no audio");
            }
            for (int i = 0; i < samples.length; i++) {
                samples[i] = switch (code) {
                    case FORMAT_PCM -> in.getShort(at + 2 * i);
                    case FORMAT_ALAW -> Codec.PCMA.decode(in.get(at + i));
                    default -> Codec.PCMU.decode(in.get(at + i));
                };
            }
            return samples;
        }

        @Override
        public String toString() {
            String encoding = switch (code) {
                case FORMAT_PCM -> bitsPerSample + "-bit PCM";
                case FORMAT_ALAW -> bitsPerSample + "-bit A-law";
                case FORMAT_ULAW -> bitsPerSample + "-bit μ-law";
                default -> "format code " + code + " (" + bitsPerSample + "-bit)";
            };
            return sampleRate + " Hz, " + channels + (channels == 1 ? " channel, " : " channels, ") + encoding;
        }
    }
}
