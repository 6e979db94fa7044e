package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refused source is logged at most once a minute, on fake time. */
class UntrustedLogTest {

    /** A clock a test moves by hand. */
    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void oneSourceIsLoggedOnceAMinuteHoweverOftenItSends() throws Exception {
        FakeClock clock = new FakeClock();
        UntrustedLog log = new UntrustedLog(clock);
        InetAddress scanner = InetAddress.getByName("203.0.113.7");

        assertTrue(log.shouldLog(scanner));
        for (int i = 0; i < 59; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertFalse(log.shouldLog(scanner), "second " + (i + 1));
        }
        clock.advance(Duration.ofMillis(999));
        assertFalse(log.shouldLog(scanner));
        clock.advance(Duration.ofMillis(1));
        assertTrue(log.shouldLog(scanner), "a minute after the last line");
        assertFalse(log.shouldLog(scanner));
    }

    @Test
    void eachSourceHasItsOwnMinute() throws Exception {
        FakeClock clock = new FakeClock();
        UntrustedLog log = new UntrustedLog(clock);

        assertTrue(log.shouldLog(InetAddress.getByName("203.0.113.7")));
        assertTrue(log.shouldLog(InetAddress.getByName("203.0.113.8")));
        assertTrue(log.shouldLog(InetAddress.getByName("2001:db8::7")));
        assertFalse(log.shouldLog(InetAddress.getByName("203.0.113.8")));
    }

    @Test
    void aFloodFromManySourcesForgetsTheOldOnesInsteadOfGrowing() throws Exception {
        FakeClock clock = new FakeClock();
        UntrustedLog log = new UntrustedLog(clock);
        InetAddress first = InetAddress.getByName("10.0.0.1");
        assertTrue(log.shouldLog(first));
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i <= UntrustedLog.MAX_SOURCES; i++) {
            log.shouldLog(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}));
        }

        assertTrue(log.shouldLog(first), "a minute past: logged again either way");
        assertFalse(log.shouldLog(InetAddress.getByAddress(new byte[] {10, 1, 0, 5})), "recent ones are kept");
    }
}
