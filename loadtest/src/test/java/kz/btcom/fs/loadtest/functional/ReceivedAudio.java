package kz.btcom.fs.loadtest.functional;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a telephone's line heard: the RTP that came to its media port, decoded, kept for the last
 * {@link #KEPT} with when each packet arrived, and what can be said of it: how strong a tone of some frequency was
 * (Goertzel), how far above the noise, and the streams' facts (SSRCs, payload types, sequence gaps).
 *
 * <p>Each stream (SSRC) is laid out on its own time line by its RTP timestamps, so a tone keeps its phase across
 * the packets; the streams' powers add up, as several speakers would to the ear.
 */
final class ReceivedAudio {

    /** How much audio is kept. */
    static final Duration KEPT = Duration.ofSeconds(10);
    /** The window {@link #hears(double)} listens over. */
    static final Duration LISTEN = Duration.ofSeconds(1);
    /** A tone this far above the noise floor is heard. */
    static final double HEARD_DB = 20;
    private static final int RATE = 8000;
    private static final double FULL_SCALE = 32768;
    /** Where the noise floor is measured: off the round frequencies tests use for their tones. */
    private static final double[] PROBES = {337, 463, 587, 811, 937, 1063, 1237, 1363, 1487, 1613, 1787, 1913, 2137,
            2263, 2387, 2613, 2837, 3063, 3187, 3313};

    /** One received stream, as far as it went: {@code gaps} counts the times a sequence number did not follow on. */
    record Stream(long ssrc, Set<Integer> payloadTypes, int packets, int gaps, int missing, long firstNanos,
                  long lastNanos) {
    }

    private record Frame(long arrivalNanos, long ssrc, long timestamp, short[] samples) {
    }

    private static final class Facts {
        final long ssrc;
        final Set<Integer> payloadTypes = new TreeSet<>();
        int packets;
        int gaps;
        int missing;
        int lastSequence = -1;
        long firstNanos;
        long lastNanos;

        Facts(long ssrc) {
            this.ssrc = ssrc;
        }
    }

    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Map<Long, Facts> facts = new LinkedHashMap<>();

    /** Takes one RTP packet as it came off the wire. */
    synchronized void add(byte[] packet, int length, long arrivalNanos) {
        if (length < 12 || (packet[0] & 0xC0) != 0x80) {
            return;
        }
        int payloadType = packet[1] & 0x7F;
        int sequence = ((packet[2] & 0xFF) << 8) | (packet[3] & 0xFF);
        long timestamp = ((long) (packet[4] & 0xFF) << 24) | ((packet[5] & 0xFF) << 16) | ((packet[6] & 0xFF) << 8)
                | (packet[7] & 0xFF);
        long ssrc = ((long) (packet[8] & 0xFF) << 24) | ((packet[9] & 0xFF) << 16) | ((packet[10] & 0xFF) << 8)
                | (packet[11] & 0xFF);
        Facts stream = facts.computeIfAbsent(ssrc, Facts::new);
        if (stream.packets == 0) {
            stream.firstNanos = arrivalNanos;
        } else if (sequence != ((stream.lastSequence + 1) & 0xFFFF)) {
            stream.gaps++;
            int ahead = (sequence - stream.lastSequence - 1) & 0xFFFF;
            stream.missing += ahead < 0x8000 ? ahead : 0;
        }
        stream.packets++;
        stream.lastSequence = sequence;
        stream.lastNanos = arrivalNanos;
        stream.payloadTypes.add(payloadType);
        Codec codec = Codec.ofPayloadType(payloadType);
        int header = 12 + 4 * (packet[0] & 0x0F);
        if (codec == null || length <= header) {
            return; // not audio this telephone can decode (a telephone-event, say)
        }
        short[] samples = new short[length - header];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = codec.decode(packet[header + i]);
        }
        frames.addLast(new Frame(arrivalNanos, ssrc, timestamp, samples));
        while (!frames.isEmpty() && frames.peekFirst().arrivalNanos() < arrivalNanos - KEPT.toNanos()) {
            frames.removeFirst();
        }
    }

    /** Every stream that came so far, in the order they began. */
    synchronized List<Stream> streams() {
        return facts.values().stream().map(f -> new Stream(f.ssrc, Set.copyOf(f.payloadTypes), f.packets, f.gaps,
                f.missing, f.firstNanos, f.lastNanos)).toList();
    }

    /** How many packets came in the last {@code window}. */
    synchronized int packetsWithin(Duration window) {
        long from = System.nanoTime() - window.toNanos();
        return (int) frames.stream().filter(f -> f.arrivalNanos() >= from).count();
    }

    /**
     * The level of a tone at {@code hz} in what came over the last {@code window}, in dB relative to a full-scale
     * sine (a -10 dBFS tone heard all the window long reads about -10); silence reads very low, never -infinity.
     */
    double level(double hz, Duration window) {
        return levels(new double[] {hz}, window)[0];
    }

    /** How far above the noise floor a tone at {@code hz} was over the last second, in dB. */
    double hears(double hz) {
        return hears(hz, LISTEN);
    }

    /**
     * How far above the noise floor a tone at {@code hz} was over the last {@code window}, in dB; the floor is the
     * median level at twenty frequencies away from the usual tones (and from this one).
     */
    double hears(double hz, Duration window) {
        double[] probes = Arrays.stream(PROBES).filter(p -> Math.abs(p - hz) > 60).toArray();
        double[] asked = new double[probes.length + 1];
        asked[0] = hz;
        System.arraycopy(probes, 0, asked, 1, probes.length);
        double[] levels = levels(asked, window);
        double[] floor = Arrays.copyOfRange(levels, 1, levels.length);
        Arrays.sort(floor);
        return levels[0] - floor[floor.length / 2];
    }

    /** Those of {@code candidates} heard over the last second ({@link #HEARD_DB} above the noise floor). */
    List<Double> heardTones(double... candidates) {
        return heardTones(LISTEN, candidates);
    }

    /** Those of {@code candidates} heard over the last {@code window}. */
    List<Double> heardTones(Duration window, double... candidates) {
        List<Double> heard = new ArrayList<>();
        for (double hz : candidates) {
            if (hears(hz, window) >= HEARD_DB) {
                heard.add(hz);
            }
        }
        return heard;
    }

    private double[] levels(double[] frequencies, Duration window) {
        List<double[]> streams = timeLines(window);
        double[] levels = new double[frequencies.length];
        for (int k = 0; k < frequencies.length; k++) {
            double power = 1e-12;
            for (double[] samples : streams) {
                power += tonePower(samples, frequencies[k], window);
            }
            levels[k] = 10 * Math.log10(power);
        }
        return levels;
    }

    /**
     * Each stream's samples of the last {@code window} on a time line of the window's length: placed by their RTP
     * timestamps, the newest packet ending where its arrival falls; what did not come stays silent.
     */
    private synchronized List<double[]> timeLines(Duration window) {
        long now = System.nanoTime();
        long from = now - window.toNanos();
        int length = (int) (window.toMillis() * RATE / 1000);
        Map<Long, List<Frame>> bySsrc = new LinkedHashMap<>();
        for (Frame frame : frames) {
            if (frame.arrivalNanos() >= from) {
                bySsrc.computeIfAbsent(frame.ssrc(), s -> new ArrayList<>()).add(frame);
            }
        }
        List<double[]> lines = new ArrayList<>();
        for (List<Frame> stream : bySsrc.values()) {
            Frame newest = stream.get(stream.size() - 1);
            long end = length - (now - newest.arrivalNanos()) * RATE / 1_000_000_000L;
            long newestEnd = newest.timestamp() + newest.samples().length;
            double[] line = new double[length];
            Arrays.fill(line, Double.NaN);
            for (Frame frame : stream) {
                long back = (newestEnd - frame.timestamp()) & 0xFFFFFFFFL;
                long start = end - back;
                for (int i = 0; i < frame.samples().length; i++) {
                    long at = start + i;
                    if (at >= 0 && at < length) {
                        line[(int) at] = frame.samples()[i];
                    }
                }
            }
            lines.add(line);
        }
        return lines;
    }

    /**
     * The power of a tone at {@code hz} in one time line, relative to a full-scale sine, over the whole window:
     * Goertzel over the span that has audio, Hann-windowed so that a strong tone does not leak into the others,
     * scaled by the part of the window the span covers.
     */
    private static double tonePower(double[] line, double hz, Duration window) {
        int first = 0;
        while (first < line.length && Double.isNaN(line[first])) {
            first++;
        }
        int last = line.length - 1;
        while (last > first && Double.isNaN(line[last])) {
            last--;
        }
        int span = last - first + 1;
        if (first >= line.length || span < 16) {
            return 0;
        }
        double omega = 2 * Math.PI * hz / RATE;
        double coefficient = 2 * Math.cos(omega);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = 0; i < span; i++) {
            double sample = line[first + i];
            double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (span - 1));
            double current = (Double.isNaN(sample) ? 0 : sample) * hann + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double magnitudeSquared = previous * previous + beforePrevious * beforePrevious
                - coefficient * previous * beforePrevious;
        // A sine of amplitude A gives |X| = A * span / 4 under a Hann window.
        double amplitude = 4 * Math.sqrt(Math.max(0, magnitudeSquared)) / span;
        double covered = (double) span / line.length;
        return amplitude * amplitude / (FULL_SCALE * FULL_SCALE) * covered;
    }
}
