package kz.btcom.fs.billing.export;

import java.time.Duration;

/**
 * {@link ExportMain} with the tests' stand-in rater (or, given {@code --tariffs}, the real one with those tariffs,
 * which rates fees too), in a JVM of its own for the kill -9 test. It commits every
 * 1 000 entries or 100 ms as in production, but writes its CSV through a 4 KiB buffer so that a kill nearly always
 * leaves written but uncommitted records behind: the case the restart must cut off.
 */
public final class ExportProcess {

    static final ExportSettings SETTINGS =
            new ExportSettings(1_000, Duration.ofMillis(100), 4 * 1024, Duration.ofMillis(5));

    private ExportProcess() {
    }

    public static void main(String[] args) {
        int code = ExportMain.run(args, System.out, System.err,
                tariffs -> tariffs == null ? new StandInRater() : ExportMain.tariffRater(tariffs), SETTINGS,
                onStop -> Runtime.getRuntime().addShutdownHook(new Thread(onStop, "export-shutdown")));
        System.exit(code);
    }
}
