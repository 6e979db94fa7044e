package kz.btcom.fs.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code billing} section.
 *
 * @param exportDir           where the server itself exports rated call records as CSV (billing.exportDir); empty:
 *                            the export runs as its own command
 * @param journalReserveBytes free space the billing journal's file system keeps for the calls in progress
 *                            (billing.journalReserveMegabytes): with less, new calls get 503
 */
public record BillingConfig(Optional<Path> exportDir, long journalReserveBytes) {

    static final int MAX_RESERVE_MEGABYTES = 1_048_576;

    public BillingConfig {
        Objects.requireNonNull(exportDir, "exportDir");
        if (journalReserveBytes < 0) {
            throw new IllegalArgumentException("journalReserveBytes " + journalReserveBytes);
        }
    }

    public BillingConfig withExportDir(Optional<Path> newDir) {
        return new BillingConfig(newDir, journalReserveBytes);
    }
}
