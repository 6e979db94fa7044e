package kz.btcom.fs.media;

import java.time.Duration;

/**
 * The indication tones that confirm a feature code: positive (the request was carried out) and negative (it was
 * refused or failed). ITU-T E.182 says when they are given and E.180 names them, but their cadences are national:
 * E.180 Supplement 2 (the tone list of ITU Operational Bulletin 781) gives, for example, Hungary's positive tone as
 * 1.0 s on / 0.2 s off and its negative one as 0.2 s on / 0.2 s off. The Russian switching-equipment rules
 * (Mininformsvyazi, table "Parameters of information tones") put every tone on one frequency, 425 Hz, at -15 to
 * -5 dBm0: 0.3-0.4 s on/off for busy, 0.15-0.2 s on/off for congestion. We assume BTcom's network keeps that CIS
 * norm; if its tone plan says otherwise, this is the one place to change.
 * <p>
 * Our choice, within both: 425 Hz at -10 dBm0; POSITIVE is three long 1.0 s bursts with 0.2 s pauses (3.6 s),
 * unlike any call-progress tone; NEGATIVE is the fast 0.2 s / 0.2 s cadence for 3.2 s, which a CIS subscriber
 * already hears as "refused". WAKE_UP is no indication but the wake-up call's own announcement when no recording is
 * configured. Computed once, at class load.
 */
public enum Tone implements Prompt {
    POSITIVE(ToneSynthesizer.cadence(425, -10, new int[] {1000, 200}, 3)),
    NEGATIVE(ToneSynthesizer.cadence(425, -10, new int[] {200, 200}, 8)),
    /**
     * The built-in wake-up announcement: 800 Hz, two short bursts and a long pause (0.4 on, 0.2 off, 0.4 on, 1.0 off)
     * for 30 s. Not 425 Hz, so it is heard as neither a call-progress tone nor a feature code's indication.
     */
    WAKE_UP(ToneSynthesizer.cadence(800, -10, new int[] {400, 200, 400, 1000}, 15));

    private final PromptAudio audio;

    Tone(short[] samples) {
        this.audio = new PromptAudio(samples);
    }

    @Override
    public Duration duration() {
        return audio.duration();
    }

    PromptAudio audio() {
        return audio;
    }
}
