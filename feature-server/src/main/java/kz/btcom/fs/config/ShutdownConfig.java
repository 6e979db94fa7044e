package kz.btcom.fs.config;

import java.time.Duration;
import java.util.Objects;

/** The {@code shutdown} section. @param grace how long calls in progress get to be released on SIGTERM */
public record ShutdownConfig(Duration grace) {
    public ShutdownConfig {
        Objects.requireNonNull(grace, "grace");
    }
}
