package kz.btcom.fs.loadtest.functional;

import kz.btcom.fs.media.ConferenceRoom;
import kz.btcom.fs.media.MediaEndpoint;
import kz.btcom.fs.media.MediaSettings;
import kz.btcom.fs.media.RoomParty;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 15's capacity goal, measured end to end at the media level: N three-party conference rooms on a real
 * {@link MediaEndpoint} in this JVM, each party a UDP socket of {@link ConferenceLoadGenerator} that sends a 20 ms
 * G.711 tone every 20 ms (two parties on μ-law, one on A-law) and hears the mix. No SIP: setting a conference up costs
 * per conference, not per tick. After a warm-up (JIT, the jitter buffers filling), one window measures
 * <ul>
 *   <li>the media thread(s)' CPU time as a fraction of one core (the goal: under half),</li>
 *   <li>each mixing tick's lateness, p50/p99/max (the goal: p99 under 5 ms),</li>
 *   <li>the mix packets each party got against the 50 a second it should (every party, not the average),</li>
 *   <li>the generator's own CPU and lateness, and the machine's load (the 2 cores are shared).</li>
 * </ul>
 * Prints {@code key=value} lines, then {@code result=PASS|FAIL}; exit status 0 when the goal is met.
 * Run by {@code loadtest/conference-capacity.sh}.
 */
public final class ConferenceCapacity {

    private static final int[] TONES_HZ = {400, 600, 800};
    private static final Codec[] CODECS = {Codec.PCMU, Codec.PCMU, Codec.PCMA};
    private static final double GOAL_CORE_FRACTION = 0.5;
    private static final double GOAL_P99_MILLIS = 5.0;
    /** A party that got fewer than this share of its 50 packets a second fails the run (loopback loses nothing). */
    private static final double GOAL_DELIVERY = 0.99;

    private ConferenceCapacity() {
    }

    public static void main(String[] args) throws Exception {
        int rooms = 500;
        int seconds = 30;
        int warmupSeconds = 10;
        int portMin = 20000;
        int mediaThreads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rooms" -> rooms = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmupSeconds = Integer.parseInt(args[++i]);
                case "--port-min" -> portMin = Integer.parseInt(args[++i]);
                case "--media-threads" -> mediaThreads = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ConferenceCapacity [--rooms N] [--seconds S] [--warmup S]"
                            + " [--port-min P] [--media-threads T]");
                    System.exit(2);
                }
            }
        }
        System.exit(run(rooms, seconds, warmupSeconds, portMin, mediaThreads) ? 0 : 1);
    }

    private static boolean run(int rooms, int seconds, int warmupSeconds, int portMin, int threadCount)
            throws Exception {
        int legs = rooms * 3;
        // Two ports a leg (RTP and the RTCP port above it), and spare ones for ports someone else holds.
        int portMax = Math.min(65535, portMin + 2 * legs + 1000);
        MediaSettings settings = new MediaSettings(TestPhones.HOST, portMin, portMax, Duration.ofMinutes(1),
                Duration.ofSeconds(5));
        GatedLateness mixerLateness = new GatedLateness();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<ConferenceRoom> open = new ArrayList<>();
        // One thread through the two-argument start, which every build of the server has: a before/after (--jar)
        // can run against a build older than the several-threads endpoint.
        try (MediaEndpoint endpoint = threadCount == 1 ? MediaEndpoint.start(settings, mixerLateness)
                : MediaEndpoint.start(settings, mixerLateness, threadCount);
             ConferenceLoadGenerator generator = new ConferenceLoadGenerator()) {
            long setupStart = System.nanoTime();
            for (int r = 0; r < rooms; r++) {
                ConferenceRoom room = endpoint.openRoom("capacity-" + r);
                open.add(room);
                for (int p = 0; p < 3; p++) {
                    ConferenceLoadGenerator.Phone phone = generator.addPhone(CODECS[p], TONES_HZ[p]);
                    RoomParty party = room.join("capacity-" + r + "-" + p);
                    party.sdpAnswer(Sdp.format(r * 3L + p, 1, phone.port(), phone.codec(), Sdp.SENDRECV));
                    party.start(() -> { });
                    generator.connect(phone, party.localAddress());
                }
            }
            progress("%d rooms, %d legs set up in %d ms; warming up %d s", rooms, legs,
                    (System.nanoTime() - setupStart) / 1_000_000, warmupSeconds);
            generator.start();
            Thread.sleep(warmupSeconds * 1000L);

            List<Long> mediaThreads = mediaThreadIds();
            Snapshot before = Snapshot.take(threads, mediaThreads, generator);
            LatenessLog mixer = new LatenessLog();
            LatenessLog sending = new LatenessLog();
            mixerLateness.log = mixer;
            generator.recordLateness(sending);
            progress("measuring %d s", seconds);
            Thread.sleep(seconds * 1000L);
            mixerLateness.log = null;
            generator.recordLateness(null);
            Snapshot after = Snapshot.take(threads, mediaThreads, generator);

            double window = (after.wallNanos - before.wallNanos) / 1e9;
            double mediaCore = (after.mediaCpuNanos - before.mediaCpuNanos) / 1e9 / window;
            double generatorCore = (after.generatorCpuNanos - before.generatorCpuNanos) / 1e9 / window;
            double processCore = (after.processCpuNanos - before.processCpuNanos) / 1e9 / window;
            double machineBusy = after.machine.busySince(before.machine);
            long expectedPerParty = Math.round(50 * window);
            long minReceived = Long.MAX_VALUE;
            long total = 0;
            int starved = 0;
            for (int i = 0; i < legs; i++) {
                long got = after.received[i] - before.received[i];
                total += got;
                minReceived = Math.min(minReceived, got);
                if (got < GOAL_DELIVERY * expectedPerParty) {
                    starved++;
                }
            }
            long otherPayloadType = generator.phones().stream()
                    .mapToLong(ConferenceLoadGenerator.Phone::receivedOtherPayloadType).sum();
            double p99 = mixer.quantileMillis(0.99);
            boolean cpuOk = mediaCore < GOAL_CORE_FRACTION;
            boolean latenessOk = p99 < GOAL_P99_MILLIS;
            boolean deliveryOk = starved == 0 && otherPayloadType == 0 && mixer.count() > 0;

            line("rooms", rooms);
            line("legs", legs);
            line("window_s", fmt(window));
            line("media_threads", mediaThreads.size());
            line("media_cpu_core_pct", fmt(100 * mediaCore));
            // Per party and tick: one packet in, one mix out and its share of the mixing. Less sensitive than the
            // percentage to a window in which the media thread could not get a core.
            line("media_cpu_us_per_party_tick", fmt((after.mediaCpuNanos - before.mediaCpuNanos) / 1e3
                    / (50.0 * legs * window)));
            // In the kernel (system time): the UDP sends and receives and the waits for the sockets, not our code.
            long mediaCpu = after.mediaCpuNanos - before.mediaCpuNanos;
            line("media_cpu_in_kernel_pct", fmt(mediaCpu == 0 ? 0
                    : 100.0 * (mediaCpu - (after.mediaUserNanos - before.mediaUserNanos)) / mediaCpu));
            line("tick_lateness_ms_p50", fmt(mixer.quantileMillis(0.50)));
            line("tick_lateness_ms_p99", fmt(p99));
            line("tick_lateness_ms_max", fmt(mixer.maxMillis()));
            line("ticks_measured", mixer.count());
            line("packets_received_per_s", fmt(total / window));
            line("packets_expected_per_s", fmt(50.0 * legs));
            line("packets_min_per_party_per_s", fmt(minReceived / window));
            line("parties_below_99pct", starved);
            line("packets_wrong_payload_type", otherPayloadType);
            line("generator_cpu_core_pct", fmt(100 * generatorCore));
            line("generator_send_lateness_ms_p99", fmt(sending.quantileMillis(0.99)));
            line("generator_send_lateness_ms_max", fmt(sending.maxMillis()));
            line("generator_socket_errors", generator.sendErrors());
            line("generator_ticks_skipped", after.generatorTicksSkipped - before.generatorTicksSkipped);
            line("process_cpu_core_pct", fmt(100 * processCore));
            line("machine_busy_pct_of_2_cores", fmt(100 * machineBusy));
            line("machine_others_core_pct", fmt(100 * Math.max(0, machineBusy * after.machine.cores - processCore)));
            line("load_1m_after", loadAverage());
            line("goal_media_cpu_below_50pct", cpuOk);
            line("goal_p99_below_5ms", latenessOk);
            line("goal_every_party_50_per_s", deliveryOk);
            boolean pass = cpuOk && latenessOk && deliveryOk;
            line("result", pass ? "PASS" : "FAIL");
            System.out.flush();
            generator.close(); // first: a media thread still busy with the load would make closing slow
            long closing = System.nanoTime();
            open.forEach(ConferenceRoom::close);
            progress("rooms closed in %d ms", (System.nanoTime() - closing) / 1_000_000);
            return pass;
        }
    }

    /** The endpoint's threads, by the name it gives them ("fs-media-..."). */
    private static List<Long> mediaThreadIds() {
        List<Long> ids = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("fs-media")) {
                ids.add(thread.getId());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("no fs-media thread found: is the endpoint running?");
        }
        return ids;
    }

    private static String loadAverage() {
        try {
            return Files.readAllLines(Path.of("/proc/loadavg")).get(0).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "NA";
        }
    }

    private static void line(String key, Object value) {
        System.out.println(key + "=" + value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void progress(String format, Object... args) {
        System.err.println("[capacity] " + String.format(Locale.ROOT, format, args));
    }

    /** The mixer's observer for the endpoint's whole life; it records only while a window is open. */
    private static final class GatedLateness implements kz.btcom.fs.media.MixerObserver {
        volatile LatenessLog log;

        @Override
        public void tickLateness(long nanos) {
            LatenessLog current = log;
            if (current != null) {
                current.record(nanos);
            }
        }
    }

    /** The counters at one instant: CPU of the media threads, the generator, the process, the machine. */
    private record Snapshot(long wallNanos, long mediaCpuNanos, long mediaUserNanos, long generatorCpuNanos, long processCpuNanos,
                            MachineCpu machine, long[] received, long generatorTicksSkipped) {

        static Snapshot take(ThreadMXBean threads, List<Long> mediaThreads, ConferenceLoadGenerator generator) {
            long media = 0;
            long mediaUser = 0;
            for (long id : mediaThreads) {
                media += Math.max(0, threads.getThreadCpuTime(id));
                mediaUser += Math.max(0, threads.getThreadUserTime(id));
            }
            long[] received = generator.phones().stream().mapToLong(ConferenceLoadGenerator.Phone::received)
                    .toArray();
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Snapshot(System.nanoTime(), media, mediaUser, threads.getThreadCpuTime(generator.thread().getId()),
                    process, MachineCpu.read(), received, generator.ticksSkipped());
        }
    }

    /** The machine's CPU counters from /proc/stat (jiffies): how busy all its cores were, whoever used them. */
    private record MachineCpu(long busy, long total, int cores) {

        static MachineCpu read() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                String[] f = lines.get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length && i <= 8; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                int cores = (int) lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
                return new MachineCpu(total - idle, total, cores);
            } catch (IOException | RuntimeException e) {
                return new MachineCpu(0, 0, Runtime.getRuntime().availableProcessors());
            }
        }

        double busySince(MachineCpu before) {
            long total = this.total - before.total;
            return total <= 0 ? 0 : (double) (busy - before.busy) / total;
        }
    }
}
