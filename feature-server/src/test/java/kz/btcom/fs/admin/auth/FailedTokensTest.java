package kz.btcom.fs.admin.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whoever guesses tokens is slowed down to a few guesses a window, and said so in the log once a minute. */
class FailedTokensTest {

    private static final String GUESSER = "10.9.9.9";
    private static final String OPERATOR = "10.1.1.1";

    private final FakeClock clock = FakeClock.at("2026-12-01T08:00:00Z");
    private final FailedTokens failed = new FailedTokens(3, Duration.ofSeconds(60), clock);
    private final Logger logger = (Logger) LoggerFactory.getLogger(FailedTokens.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.WARN);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void anAddressIsRefusedFromItsThirdUnknownTokenToTheEndOfTheWindow() {
        failed.failed(GUESSER);
        clock.advance(Duration.ofSeconds(10));
        failed.failed(GUESSER);
        assertEquals(Optional.empty(), failed.refusedFor(GUESSER), "two guesses are allowed");

        clock.advance(Duration.ofSeconds(10));
        failed.failed(GUESSER);

        assertEquals(Optional.of(Duration.ofSeconds(40)), failed.refusedFor(GUESSER),
                "until 60 s after the first unknown token");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(Optional.empty(), failed.refusedFor(GUESSER));
    }

    @Test
    void failuresSpreadOverMoreThanAWindowAreNeverRefused() {
        for (int i = 0; i < 10; i++) {
            failed.failed(GUESSER);
            clock.advance(Duration.ofSeconds(30));
        }

        assertEquals(Optional.empty(), failed.refusedFor(GUESSER));
    }

    @Test
    void otherAddressesAreNotRefused() {
        for (int i = 0; i < 3; i++) {
            failed.failed(GUESSER);
        }

        assertEquals(Optional.empty(), failed.refusedFor(OPERATOR));
    }

    @Test
    void aRefusedAddressIsLoggedOnceAMinuteAtMost() {
        for (int i = 0; i < 3; i++) {
            failed.failed(GUESSER);
        }
        assertEquals(List.of("HTTP API: 3 unknown bearer tokens from 10.9.9.9 since 2026-12-01T08:00:00Z: its calls"
                + " get 429 until 2026-12-01T08:01:00Z (said at most once a minute per address)"), warnings());

        clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            failed.failed(GUESSER);
        }
        assertEquals(2, warnings().size(), "a minute later, refused again, said again");

        FailedTokens shortWindow = new FailedTokens(3, Duration.ofSeconds(10), clock);
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 3; i++) {
                shortWindow.failed(GUESSER);
            }
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(3, warnings().size(), "refused five times within a minute, said once");
    }
}
