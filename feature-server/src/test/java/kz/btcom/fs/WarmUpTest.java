package kz.btcom.fs;

import kz.btcom.fs.config.ConfigLoader;
import kz.btcom.fs.config.FeatureServerConfig;
import kz.btcom.fs.warmup.WarmUpCalls;
import kz.btcom.fs.warmup.WarmUpSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up warm-up: real calls through a throwaway instance on the real SIP stack, nothing of it kept. */
class WarmUpTest {

    @TempDir
    Path dataDir;

    @Test
    void callsGoThroughAThrowawayInstanceWhoseDirectoryIsGoneAfterwards() throws Exception {
        FeatureServerConfig config = ConfigLoader.defaults().withDataDir(dataDir)
                .withWarmUp(new WarmUpSettings(200, Duration.ofSeconds(60)));

        Optional<WarmUpCalls.Outcome> outcome = WarmUp.run(config, Map.of(), Clock.systemUTC(), SipSide.jainSip());

        assertTrue(outcome.isPresent(), "the warm-up ran");
        assertEquals(200, outcome.get().attempted());
        // Every call ended one way or the other: answered and hung up, or shed by the cold instance's admission.
        assertEquals(200, outcome.get().completed() + outcome.get().refused() + outcome.get().givenUp());
        assertTrue(outcome.get().completed() > 0, "calls were answered: " + outcome.get());
        assertEquals(Map.of(), Map.copyOf(outcome.get().refusedByStatus()).entrySet().stream()
                .filter(e -> e.getKey() != 503).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                        Map.Entry::getValue)), "nothing but overload refused");
        try (Stream<Path> left = Files.list(dataDir)) {
            assertEquals(0, left.count(), "the throwaway instance's data is gone");
        }
    }

    @Test
    void offMeansNothingRuns() {
        FeatureServerConfig config = ConfigLoader.defaults().withDataDir(dataDir)
                .withWarmUp(new WarmUpSettings(0, Duration.ofSeconds(60)));

        assertFalse(WarmUp.run(config, Map.of(), Clock.systemUTC(), SipSide.jainSip()).isPresent());
        assertFalse(Files.exists(dataDir.resolve(WarmUp.DIRECTORY)));
    }
}
