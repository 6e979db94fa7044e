package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaSettingsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void eachSessionTakesAnEvenPortAndTheOddOneAboveIt() {
        assertEquals(2, new MediaSettings("127.0.0.1", 40000, 40003, MINUTE, WAIT).sessionCapacity());
        assertEquals(1, new MediaSettings("127.0.0.1", 40001, 40004, MINUTE, WAIT).sessionCapacity());
        assertEquals(500, MediaSettings.defaults().sessionCapacity());
    }

    @Test
    void aWildcardOrAHostNameCannotBeAnnounced() {
        assertMessage("0.0.0.0", "cannot be announced");
        assertMessage("::", "cannot be announced");
        assertMessage("media.btcom.kz", "is not an IP address");
        assertMessage("10.0.0.256", "is not an IP address");
    }

    @Test
    void aRangeWithoutAPortPairOrOutOfBoundsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MediaSettings("127.0.0.1", 40001, 40002, MINUTE,
                WAIT));
        assertThrows(IllegalArgumentException.class, () -> new MediaSettings("127.0.0.1", 40010, 40000, MINUTE,
                WAIT));
        assertThrows(IllegalArgumentException.class, () -> new MediaSettings("127.0.0.1", 80, 81, MINUTE, WAIT));
    }

    @Test
    void limitsMustBeSensible() {
        assertThrows(IllegalArgumentException.class, () -> new MediaSettings("127.0.0.1", 40000, 40001,
                Duration.ofHours(1), WAIT));
        assertThrows(IllegalArgumentException.class, () -> new MediaSettings("127.0.0.1", 40000, 40001, MINUTE,
                Duration.ZERO));
    }

    private static void assertMessage(String address, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new MediaSettings(address, 40000, 40001, MINUTE, WAIT));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
