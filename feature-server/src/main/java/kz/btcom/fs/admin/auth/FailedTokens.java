package kz.btcom.fs.admin.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Slows down whoever guesses tokens. An address that presents {@code maxFailures} unknown tokens within a window
 * (which starts at its first failure) is refused every call that needs a token until that window ends, whatever
 * token it presents: were a right guess let through, the refusals would slow nothing. So guessing goes at most
 * {@code maxFailures} tokens per window per address. A warning says so at most once a minute per address; each
 * unknown token alone is only logged at debug.
 *
 * <p>Addresses are remembered in a bounded cache, so that made-up addresses by the thousand cannot fill memory;
 * someone with more addresses than that gets past this, and the length of the tokens is what stands then. Any
 * thread may call; the clock is injected so that tests move it.
 */
public final class FailedTokens {

    static final int MAX_SOURCES = 10_000;
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(FailedTokens.class);

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Source> sources;

    public FailedTokens(int maxFailures, Duration window, Clock clock) {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(maxFailures + " failures in " + window + " allow no call");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        // Long enough to hold a refusal to its end, and the time of the last warning for its minute.
        Duration remembered = window.compareTo(WARN_EVERY) > 0 ? window : WARN_EVERY;
        Instant origin = clock.instant();
        this.sources = Caffeine.newBuilder()
                .maximumSize(MAX_SOURCES)
                .expireAfterAccess(remembered)
                .ticker(() -> Duration.between(origin, clock.instant()).toNanos())
                .build();
    }

    /** How much longer calls from {@code source} are refused; empty when they are not. */
    public Optional<Duration> refusedFor(String source) {
        Source known = sources.getIfPresent(source);
        if (known == null || known.failures() < maxFailures) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant end = known.windowStart().plus(window);
        return now.isBefore(end) ? Optional.of(Duration.between(now, end)) : Optional.empty();
    }

    /** {@code source} presented a token nobody configured. */
    public void failed(String source) {
        Instant now = clock.instant();
        Source counted = sources.asMap().compute(source, (address, known) -> {
            Source current = known == null || !now.isBefore(known.windowStart().plus(window))
                    ? new Source(now, 0, known == null ? Instant.EPOCH : known.warnedAt(), false)
                    : known;
            int failures = current.failures() + 1;
            boolean warn = failures == maxFailures && !now.isBefore(current.warnedAt().plus(WARN_EVERY));
            return new Source(current.windowStart(), failures, warn ? now : current.warnedAt(), warn);
        });
        if (counted.warnNow()) {
            log.warn("HTTP API: {} unknown bearer tokens from {} since {}: its calls get 429 until {}"
                            + " (said at most once a minute per address)", counted.failures(),
                    source.isEmpty() ? "an unknown address" : source, counted.windowStart(),
                    counted.windowStart().plus(window));
        }
    }

    /** @param warnNow whether the failure just counted is the one to warn about */
    private record Source(Instant windowStart, int failures, Instant warnedAt, boolean warnNow) {
    }
}
