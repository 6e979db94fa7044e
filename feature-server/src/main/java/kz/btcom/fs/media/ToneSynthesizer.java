package kz.btcom.fs.media;

/** Makes the samples of a single-frequency tone played in a cadence of bursts and pauses. */
final class ToneSynthesizer {

    /**
     * The peak of a 0 dBm0 sine on the 16-bit scale the G.711 encoders take: A-law's full scale is +3.14 dBm0 and
     * μ-law's +3.17 dBm0 (G.711 tables 1a/2a), so about 32768 / 1.44.
     */
    private static final double ZERO_DBM0_PEAK = 22_750;
    /** Bursts fade in and out over 5 ms: a sine switched on and off at full level clicks. */
    private static final int RAMP_SAMPLES = Codec.CLOCK_RATE * 5 / 1000;

    private ToneSynthesizer() {
    }

    /**
     * @param frequencyHz the tone's frequency
     * @param levelDbm0   its level, e.g. -10
     * @param onOffMillis the cadence: burst, pause, burst, pause... (an even number of durations)
     * @param repeats     how many times the cadence plays
     */
    static short[] cadence(double frequencyHz, double levelDbm0, int[] onOffMillis, int repeats) {
        if (onOffMillis.length == 0 || onOffMillis.length % 2 != 0 || repeats < 1) {
            throw new IllegalArgumentException("a cadence is pairs of burst and pause, played at least once");
        }
        int periodSamples = 0;
        for (int millis : onOffMillis) {
            periodSamples += samples(millis);
        }
        short[] out = new short[periodSamples * repeats];
        double peak = ZERO_DBM0_PEAK * Math.pow(10, levelDbm0 / 20);
        double radiansPerSample = 2 * Math.PI * frequencyHz / Codec.CLOCK_RATE;
        int position = 0;
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < onOffMillis.length; i += 2) {
                int burst = samples(onOffMillis[i]);
                for (int n = 0; n < burst; n++) {
                    double envelope = ramp(n, burst);
                    out[position + n] = (short) Math.round(peak * envelope * Math.sin(radiansPerSample * n));
                }
                position += burst + samples(onOffMillis[i + 1]);
            }
        }
        return out;
    }

    private static int samples(int millis) {
        return Codec.CLOCK_RATE * millis / 1000;
    }

    /** A raised-cosine rise over the first samples of a burst and fall over its last ones; 1 in between. */
    private static double ramp(int n, int burst) {
        int fromEdge = Math.min(n, burst - 1 - n);
        if (fromEdge >= RAMP_SAMPLES) {
            return 1;
        }
        return 0.5 - 0.5 * Math.cos(Math.PI * fromEdge / RAMP_SAMPLES);
    }
}
