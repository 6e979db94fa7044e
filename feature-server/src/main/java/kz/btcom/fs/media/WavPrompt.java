package kz.btcom.fs.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A recorded announcement from a WAV file, read and checked once (at start, when the configuration is read). */
public final class WavPrompt implements Prompt {

    /** Ten minutes of 16-bit audio: a file bigger than that is not a prompt, and is not read into memory. */
    private static final long MAX_FILE_BYTES = 10L * 60 * Codec.CLOCK_RATE * 2 + 4096;

    private final Path file;
    private final PromptAudio audio;

    private WavPrompt(Path file, PromptAudio audio) {
        this.file = file;
        this.audio = audio;
    }

    /**
     * @throws UnsupportedPromptException the file is not 8 kHz mono PCM/A-law/μ-law WAV (the message says why)
     * @throws IOException                the file cannot be read
     */
    public static WavPrompt load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new UnsupportedPromptException(file + ": " + size + " bytes is too long for a prompt");
        }
        return new WavPrompt(file, new PromptAudio(WavReader.read(file.toString(), Files.readAllBytes(file))));
    }

    public Path file() {
        return file;
    }

    @Override
    public Duration duration() {
        return audio.duration();
    }

    PromptAudio audio() {
        return audio;
    }

    @Override
    public String toString() {
        return "WavPrompt[" + file + ", " + duration().toMillis() + " ms]";
    }
}
