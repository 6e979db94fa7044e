package kz.btcom.fs.featurecode;

import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.media.Announcements;
import kz.btcom.fs.media.Prompt;
import kz.btcom.fs.media.Tone;
import kz.btcom.fs.media.WavPrompt;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Confirms feature codes on the media endpoint with the prompts {@code feature-codes.yaml} chose. */
public final class AnnouncedConfirmations implements ConfirmationPlayer {

    private final Announcements announcements;
    private final Prompt positive;
    private final Prompt negative;

    public AnnouncedConfirmations(Announcements announcements, Prompt positive, Prompt negative) {
        this.announcements = Objects.requireNonNull(announcements, "announcements");
        this.positive = Objects.requireNonNull(positive, "positive");
        this.negative = Objects.requireNonNull(negative, "negative");
    }

    /**
     * Reads the configured WAV prompts once, at start.
     *
     * @throws IOException a prompt file cannot be read, or is not a WAV file the endpoint can play (the
     *                     {@link kz.btcom.fs.media.UnsupportedPromptException} says why)
     */
    public static AnnouncedConfirmations load(Announcements announcements, FeatureCodeSettings settings)
            throws IOException {
        return new AnnouncedConfirmations(announcements, prompt(settings.positive(), Tone.POSITIVE),
                prompt(settings.negative(), Tone.NEGATIVE));
    }

    private static Prompt prompt(PromptChoice choice, Tone tone) throws IOException {
        if (choice instanceof PromptChoice.WavFile wav) {
            return WavPrompt.load(wav.path());
        }
        return tone;
    }

    @Override
    public LocalMedia confirm(String callId, CompletionStage<Indication> indication) {
        return announcements.announcement(callId,
                indication.thenApply(result -> result == Indication.POSITIVE ? positive : negative)
                        .exceptionally(failure -> negative));
    }
}
