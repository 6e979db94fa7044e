package kz.btcom.fs.featurecode;

import java.nio.file.Path;
import java.util.Objects;

/** What the subscriber hears: the built-in indication tone, a recorded WAV prompt, or (for an optional one) nothing. */
public sealed interface PromptChoice {

    /** No prompt at all (only where one is optional: the announcement before a barred call is refused). */
    record None() implements PromptChoice {
    }

    record Tone() implements PromptChoice {
    }

    record WavFile(Path path) implements PromptChoice {
        public WavFile {
            Objects.requireNonNull(path, "path");
        }
    }

    PromptChoice TONE = new Tone();
    PromptChoice NONE = new None();
}
