package kz.btcom.fs.billing.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How the journal's queue is opened, the same for the writer and every reader. */
final class JournalQueue {

    /** The journal's directory under the data directory. */
    static final String DIRECTORY = "journal";

    private static final long DAY_MILLIS = 86_400_000L;

    static {
        // Main sets it too; this covers the export command, tests and benchmarks. chronicle-analytics is also
        // kept off the classpath (the poms), this is the second lock on that door.
        System.setProperty("chronicle.analytics.disable", "true");
        // And no "leave your e-mail" banner in the server's log.
        if (System.getProperty("chronicle.announcer.disable") == null) {
            System.setProperty("chronicle.announcer.disable", "true");
        }
    }

    private JournalQueue() {
    }

    static Path directory(Path dataDir) {
        return dataDir.resolve(DIRECTORY);
    }

    /**
     * One file per UTC day (Chronicle's FAST_DAILY cycle, rolled at midnight UTC: {@code yyyyMMdd'F'.cq4}), the
     * cycle of an entry taken from {@code clock} at the time it is written.
     */
    static SingleChronicleQueue open(Path dataDir, Clock clock, boolean create) throws IOException {
        List<String> missing = missingJvmFlags();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the JVM lacks the flags Chronicle Queue (the billing journal) needs: "
                    + String.join(" ", missing));
        }
        Path dir = directory(dataDir);
        if (create) {
            Files.createDirectories(dir);
        } else if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no journal there");
        }
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(RollCycles.FAST_DAILY)
                .rollTime(LocalTime.MIDNIGHT, ZoneOffset.UTC)
                .timeProvider(clock::millis)
                .build();
        if (queue.rollCycle().lengthInMillis() != DAY_MILLIS) {
            // An existing queue's own metadata wins over the builder: refuse one that was made differently.
            String cycle = queue.rollCycle().toString();
            queue.close();
            throw new IOException(dir + ": the journal rolls " + cycle + ", expected daily");
        }
        return queue;
    }

    /**
     * The JVM flags Chronicle needs on Java 17 that this JVM was started without (the pom's {@code fs.jvm.opens};
     * the jar's manifest gives them to {@code java -jar}, not to {@code java -cp}), as written on a command line.
     */
    static List<String> missingJvmFlags() {
        Module us = JournalQueue.class.getModule();
        List<String> missing = new ArrayList<>();
        for (String[] flag : new String[][] {
                {"--add-opens", "java.base", "java.lang"},
                {"--add-opens", "java.base", "java.lang.reflect"},
                {"--add-exports", "java.base", "sun.nio.ch"},
                {"--add-exports", "java.base", "jdk.internal.ref"},
                {"--add-exports", "jdk.compiler", "com.sun.tools.javac.file"}}) {
            Optional<Module> module = ModuleLayer.boot().findModule(flag[1]);
            if (module.isEmpty()) {
                continue;
            }
            boolean given = flag[0].equals("--add-opens")
                    ? module.get().isOpen(flag[2], us)
                    : module.get().isExported(flag[2], us);
            if (!given) {
                missing.add(flag[0] + "=" + flag[1] + "/" + flag[2] + "=ALL-UNNAMED");
            }
        }
        return missing;
    }

    /** The UTC day of the journal file that holds the entry at {@code index}. */
    static LocalDate dayOf(SingleChronicleQueue queue, long index) {
        return LocalDate.ofEpochDay(queue.rollCycle().toCycle(index));
    }

    /** The journal cycle (file) of a UTC day. */
    static int cycleOf(LocalDate day) {
        return Math.toIntExact(day.toEpochDay());
    }
}
