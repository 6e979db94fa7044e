package kz.btcom.fs.loadtest.functional;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a subscriber hears in the G.711 RTP the server streams: the frames decoded and each one taken as tone or
 * silence by its level, then run together into the tone's cadence (bursts of tone and the silences between them).
 * The two indication tones differ only in their cadence (feature-server's media/Tone.java: one 425 Hz tone at
 * -10 dBm0): POSITIVE is three 1.0 s bursts with 0.2 s pauses, NEGATIVE eight 0.2 s bursts with 0.2 s pauses.
 */
final class ToneCadence {

    /** One run of frames: tone or silence, and how long. */
    record Run(boolean tone, int millis) {
        @Override
        public String toString() {
            return (tone ? "tone " : "silence ") + millis + " ms";
        }
    }

    /** The positive indication: the request was carried out. */
    static final Expected POSITIVE = new Expected("positive", 3, 1000, 200);
    /** The negative indication: refused. */
    static final Expected NEGATIVE = new Expected("negative", 8, 200, 200);

    /** A cadence: {@code bursts} bursts of {@code toneMillis} with {@code silenceMillis} between them. */
    record Expected(String name, int bursts, int toneMillis, int silenceMillis) {
    }

    /** A frame is tone above this RMS level (16-bit scale): -10 dBm0 is about 5,100; G.711 silence about 8. */
    private static final double TONE_RMS = 1000;
    /** One frame either way: where a burst starts within a frame. */
    private static final int TOLERANCE_MILLIS = 20;

    private ToneCadence() {
    }

    /** The runs of tone and silence, without the silence before the first burst and after the last. */
    static List<Run> of(List<RtpReceiver.Packet> packets) {
        List<Run> runs = new ArrayList<>();
        for (RtpReceiver.Packet packet : packets) {
            boolean tone = rms(packet) > TONE_RMS;
            int millis = packet.payloadBytes() / 8; // G.711: 8 samples, one byte each, per millisecond
            if (!runs.isEmpty() && runs.get(runs.size() - 1).tone() == tone) {
                Run last = runs.remove(runs.size() - 1);
                runs.add(new Run(tone, last.millis() + millis));
            } else {
                runs.add(new Run(tone, millis));
            }
        }
        while (!runs.isEmpty() && !runs.get(0).tone()) {
            runs.remove(0);
        }
        while (!runs.isEmpty() && !runs.get(runs.size() - 1).tone()) {
            runs.remove(runs.size() - 1);
        }
        return runs;
    }

    /** Asserts that the packets sound like {@code expected}: its number of bursts, each burst and pause its length. */
    static void assertHeard(Expected expected, List<RtpReceiver.Packet> packets) {
        assertTrue(!packets.isEmpty(), "no RTP came: the " + expected.name() + " indication was not played");
        for (RtpReceiver.Packet packet : packets) {
            assertTrue(packet.payloadType() == 8 || packet.payloadType() == 0,
                    "G.711 (PCMA 8 or PCMU 0), got payload type " + packet.payloadType());
        }
        List<Run> runs = of(packets);
        String heard = "the " + expected.name() + " indication (" + expected.bursts() + " x " + expected.toneMillis()
                + " ms tone, " + expected.silenceMillis() + " ms silence) was expected, heard " + runs;
        assertEquals(2 * expected.bursts() - 1, runs.size(), heard);
        for (Run run : runs) {
            int want = run.tone() ? expected.toneMillis() : expected.silenceMillis();
            if (Math.abs(run.millis() - want) > TOLERANCE_MILLIS) {
                fail(heard);
            }
        }
    }

    /**
     * Asserts that the packets sound like the built-in wake-up announcement (media/Tone.java WAKE_UP: 800 Hz, bursts
     * of 0.4 s with pauses of 0.2 s and 1.0 s in turn), for at least two of its periods; the server may hang up in
     * the middle of a burst, so the last one may be short.
     */
    static void assertWakeUpHeard(List<RtpReceiver.Packet> packets) {
        assertTrue(!packets.isEmpty(), "no RTP came: the wake-up announcement was not played");
        List<Run> runs = of(packets);
        String heard = "the wake-up announcement (0.4 s bursts, 0.2 s and 1.0 s pauses in turn) was expected, heard "
                + runs;
        assertTrue(runs.size() >= 7, heard);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            boolean last = i == runs.size() - 1;
            int want = run.tone() ? 400 : (i % 4 == 1 ? 200 : 1000);
            if (last ? run.millis() > want + TOLERANCE_MILLIS : Math.abs(run.millis() - want) > TOLERANCE_MILLIS) {
                fail(heard);
            }
        }
    }

    private static double rms(RtpReceiver.Packet packet) {
        byte[] payload = packet.payload();
        if (payload.length == 0) {
            return 0;
        }
        double sum = 0;
        for (byte b : payload) {
            int sample = packet.payloadType() == 0 ? ulaw(b) : alaw(b);
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / payload.length);
    }

    /** G.711 A-law to linear (16-bit scale). */
    static int alaw(byte encoded) {
        int a = (encoded ^ 0x55) & 0xFF;
        int magnitude = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        magnitude += segment == 0 ? 8 : 0x108;
        if (segment > 1) {
            magnitude <<= segment - 1;
        }
        return (a & 0x80) != 0 ? magnitude : -magnitude;
    }

    /** G.711 μ-law to linear (16-bit scale). */
    static int ulaw(byte encoded) {
        int u = ~encoded & 0xFF;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
    }
}
