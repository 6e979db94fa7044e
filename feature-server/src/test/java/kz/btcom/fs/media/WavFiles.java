package kz.btcom.fs.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, so each test says exactly what its file holds. */
final class WavFiles {

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static WavFiles riff() {
        return new WavFiles();
    }

    WavFiles fmt(int formatCode, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer fmt = le(16).putShort((short) formatCode).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bitsPerSample);
        return chunk("fmt ", fmt.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE with the sub-format GUID that starts with {@code subFormat}. */
    WavFiles fmtExtensible(int subFormat, int channels, int sampleRate, int bitsPerSample) {
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer fmt = le(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) bitsPerSample)
                .putShort((short) 22).putShort((short) bitsPerSample).putInt(4)
                .putShort((short) subFormat).put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0,
                        0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", fmt.array());
    }

    WavFiles pcm16(short... samples) {
        ByteBuffer data = le(samples.length * 2);
        for (short sample : samples) {
            data.putShort(sample);
        }
        return chunk("data", data.array());
    }

    WavFiles chunk(String id, byte[] body) {
        ByteBuffer header = le(8).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length);
        chunks.writeBytes(header.array());
        chunks.writeBytes(body);
        if (body.length % 2 != 0) {
            chunks.write(0);
        }
        return this;
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer file = le(12 + body.length).put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.length).put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return file.array();
    }

    static short[] sine(double hz, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return samples;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
