package kz.btcom.fs.loadtest.jmh;

import kz.btcom.fs.media.Codec;
import kz.btcom.fs.media.RoomMix;
import kz.btcom.fs.media.RtpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What one 20 ms conference mixing tick costs the media thread, without sockets: for each of {@code rooms}
 * three-party rooms (one party on A-law, two on μ-law), each party's packet for the tick goes into its jitter
 * buffer, then the room is mixed and every party's frame encoded in its codec. The payloads are random bytes: G.711
 * here is table lookups, so what the samples are does not change the cost. Sending the
 * packets (one ByteBuf and one datagram each) is not included. The goal (issue 15): 500 rooms in less than half a
 * core, i.e. under 10 ms a tick at 50 ticks a second.
 *
 * <pre>
 * mvn -q -B -o -Pjmh -pl loadtest -am -DskipTests package
 * java -jar loadtest/target/benchmarks.jar MixingTick -wi 3 -i 5 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MixingTickBenchmark {

    private static final InetSocketAddress PHONE = new InetSocketAddress("127.0.0.1", 4000);
    private static final int FRAMES = 50; // one second of audio per party, sent round and round
    private static final Codec[] CODECS = {Codec.PCMA, Codec.PCMU, Codec.PCMU};

    @Param({"1", "500"})
    public int rooms;

    private RoomMix[] mixes;
    private RoomMix.Voice[][] voices;
    private byte[][][] audio; // [party][frame][sample]
    private long tick;
    private long due;
    /** What the sinks saw, so the encoding cannot be optimized away. */
    private int sent;

    @Setup
    public void openRooms() {
        Random random = new Random(15);
        audio = new byte[3][FRAMES][160];
        for (byte[][] party : audio) {
            for (byte[] frame : party) {
                random.nextBytes(frame);
            }
        }
        mixes = new RoomMix[rooms];
        voices = new RoomMix.Voice[rooms][3];
        for (int r = 0; r < rooms; r++) {
            mixes[r] = new RoomMix();
            for (int party = 0; party < 3; party++) {
                voices[r][party] = mixes[r].join((payload, payloadType, dueNanos) -> sent += payload[17]);
                voices[r][party].configure(CODECS[party], CODECS[party].staticPayloadType(), true, true);
            }
        }
    }

    @Benchmark
    public int tickAllRooms() {
        int frame = (int) (tick % FRAMES);
        long timestamp = tick * 160;
        for (int r = 0; r < rooms; r++) {
            for (int party = 0; party < 3; party++) {
                voices[r][party].received(new RtpPacket(PHONE, CODECS[party].staticPayloadType(), false,
                        (int) (tick & 0xFFFF), timestamp & 0xFFFF_FFFFL, 1000L * r + party, audio[party][frame]));
            }
            mixes[r].tick(due);
        }
        tick++;
        due += 20_000_000L;
        return sent;
    }
}
