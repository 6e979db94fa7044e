package kz.btcom.fs.loadtest.jmh;

import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What journaling costs the call path: one event written through {@link ChronicleJournal} (one entry in the
 * memory-mapped daily file), a release with two forwarded legs and an attempt; and the release
 * from two call lanes at once. A fresh journal per iteration keeps the disk use bounded.
 *
 * <pre>
 * mvn -q -B -o -Pjmh -pl loadtest -am -DskipTests package
 * java -jar loadtest/target/benchmarks.jar JournalWrite -wi 2 -i 3 -f 1
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {
        // The pom's fs.jvm.opens: ChronicleJournal.open refuses to start without them.
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class JournalWriteBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-25T13:24:58.123Z");

    private final CallRelease release = new CallRelease("a84b4c76e66710@10.0.0.1", T0.plusSeconds(65),
            "+77172123456", "+77272777888", NumberClass.NATIONAL, T0, T0.plusSeconds(4), 200, Party.CALLEE,
            List.of(new ForwardedLeg("+77272777888", "+77011234567", NumberClass.MOBILE, DiversionReason.NO_REPLY),
                    new ForwardedLeg("+77011234567", "+4930123456", NumberClass.INTERNATIONAL,
                            DiversionReason.BUSY)), Pass.ORIGINATING, "AyretyU0dm+6O2IrT5tAFrbHLso=023551024");
    private final CallAttempt attempt = new CallAttempt("a84b4c76e66710@10.0.0.1", T0, "+77172123456",
            "+77272777888", NumberClass.NATIONAL, "+77172123456", Pass.ORIGINATING,
            "AyretyU0dm+6O2IrT5tAFrbHLso=023551024");

    private Path dataDir;
    private ChronicleJournal journal;

    @Setup(Level.Iteration)
    public void open() throws Exception {
        dataDir = Files.createTempDirectory("journal-bench");
        journal = ChronicleJournal.open(dataDir);
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException {
        journal.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Benchmark
    public void releaseWithTwoLegs() {
        journal.release(release);
    }

    @Benchmark
    public void attempt() {
        journal.attempt(attempt);
    }

    @Benchmark
    @Threads(2)
    public void releaseWithTwoLegsFromTwoLanes() {
        journal.release(release);
    }
}
