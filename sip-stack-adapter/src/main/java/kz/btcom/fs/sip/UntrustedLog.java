package kz.btcom.fs.sip;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a refused source is worth a log line: at most once per {@link #INTERVAL} per address, so that a
 * scan or a flood from one address costs one line a minute, not one per packet. Time comes from the injected clock.
 * The memory is bounded: past {@link #MAX_SOURCES} addresses the ones not logged within the interval are forgotten
 * (a spoofed-source flood then logs more, never grows the heap).
 */
final class UntrustedLog {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    static final int MAX_SOURCES = 4096;

    private final Clock clock;
    private final ConcurrentHashMap<InetAddress, Instant> lastLogged = new ConcurrentHashMap<>();

    UntrustedLog(Clock clock) {
        this.clock = clock;
    }

    /** True if a request from {@code source} should be logged now (and then not again for a minute). */
    boolean shouldLog(InetAddress source) {
        Instant now = clock.instant();
        boolean[] log = {false};
        lastLogged.compute(source, (address, last) -> {
            if (last == null || !now.isBefore(last.plus(INTERVAL))) {
                log[0] = true;
                return now;
            }
            return last;
        });
        if (log[0] && lastLogged.size() > MAX_SOURCES) {
            Instant horizon = now.minus(INTERVAL);
            lastLogged.values().removeIf(last -> !last.isAfter(horizon));
        }
        return log[0];
    }
}
