package kz.btcom.fs.media;

import java.time.Duration;
import java.util.Arrays;

/** A prompt's samples, whole 20 ms frames of them, in linear PCM and in both G.711 encodings. Immutable. */
final class PromptAudio {

    static final int FRAME_SAMPLES = Codec.CLOCK_RATE * SdpWriter.PTIME_MILLIS / 1000;

    private final int sampleCount;
    private final short[] linear;
    private final byte[] pcma;
    private final byte[] pcmu;

    /** The last frame is filled up with silence: RTP frames are whole. */
    PromptAudio(short[] samples) {
        this.sampleCount = samples.length;
        int frames = (samples.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        this.linear = Arrays.copyOf(samples, frames * FRAME_SAMPLES);
        this.pcma = Codec.PCMA.encode(linear);
        this.pcmu = Codec.PCMU.encode(linear);
    }

    static PromptAudio of(Prompt prompt) {
        if (prompt instanceof Tone tone) {
            return tone.audio();
        }
        return ((WavPrompt) prompt).audio();
    }

    int frames() {
        return linear.length / FRAME_SAMPLES;
    }

    Duration duration() {
        return Duration.ofNanos(sampleCount * (1_000_000_000L / Codec.CLOCK_RATE));
    }

    /** The whole prompt in {@code codec}; frame {@code n} starts at byte {@code n * FRAME_SAMPLES}. Do not modify. */
    byte[] encoded(Codec codec) {
        return codec == Codec.PCMA ? pcma : pcmu;
    }

    /** One sample in linear PCM (for a mixer; and for tests). */
    short sample(int index) {
        return linear[index];
    }
}
