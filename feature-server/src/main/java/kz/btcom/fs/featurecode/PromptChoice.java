package kz.btcom.fs.featurecode;

import java.nio.file.Path;
import java.util.Objects;

/** What the subscriber hears for one indication: the built-in tone, or a recorded WAV prompt. */
public sealed interface PromptChoice {

    record Tone() implements PromptChoice {
    }

    record WavFile(Path path) implements PromptChoice {
        public WavFile {
            Objects.requireNonNull(path, "path");
        }
    }

    PromptChoice TONE = new Tone();
}
