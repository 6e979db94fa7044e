package kz.btcom.fs.media;

import java.time.Duration;

/**
 * Something the endpoint plays to a caller: an indication tone, or a recorded announcement. The audio is 8 kHz
 * linear PCM decoded once, when the prompt is made, with both G.711 encodings ready, so playing costs nothing but
 * copying bytes into packets.
 */
public sealed interface Prompt permits Tone, WavPrompt {

    /** How long the prompt lasts (the endpoint's {@link MediaSettings#maxPromptLength()} may cut it shorter). */
    Duration duration();
}
