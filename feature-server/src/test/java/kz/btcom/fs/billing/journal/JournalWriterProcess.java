package kz.btcom.fs.billing.journal;

import java.nio.file.Path;

/**
 * A writer in a JVM of its own, for the kill -9 tests: {@code DATA_DIR COUNT [PREFIX]} journals COUNT releases
 * (call ids PREFIX-0...), prints "written COUNT" and waits to be killed, never closing the journal.
 */
public final class JournalWriterProcess {

    private JournalWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String prefix = args.length > 2 ? args[2] : "k";
        ChronicleJournal journal = ChronicleJournal.open(dataDir);
        for (int i = 0; i < count; i++) {
            journal.release(SampleEvents.release(prefix + "-" + i, 1_000L * (i % 100), i % 3 != 0, i % 3));
        }
        System.out.println("written " + count);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
