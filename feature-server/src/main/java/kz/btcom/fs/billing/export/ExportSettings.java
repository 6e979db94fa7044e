package kz.btcom.fs.billing.export;

import java.time.Duration;

/**
 * How often the export commits and how it waits.
 *
 * @param batchEntries  commit after this many journal entries at the latest
 * @param commitEvery   ... or when the oldest uncommitted entry is this old
 * @param bufferBytes   the CSV write buffer (what is written out between commits)
 * @param idlePause     how long a follow waits when it has read everything
 */
public record ExportSettings(int batchEntries, Duration commitEvery, int bufferBytes, Duration idlePause) {

    /** 1 000 entries or 100 ms, a 64 KiB buffer, 10 ms idle. */
    public static final ExportSettings DEFAULT =
            new ExportSettings(1_000, Duration.ofMillis(100), 64 * 1024, Duration.ofMillis(10));

    public ExportSettings {
        if (batchEntries < 1 || bufferBytes < 1 || commitEvery.isNegative() || idlePause.isNegative()) {
            throw new IllegalArgumentException(batchEntries + " " + commitEvery + " " + bufferBytes + " "
                    + idlePause);
        }
    }
}
