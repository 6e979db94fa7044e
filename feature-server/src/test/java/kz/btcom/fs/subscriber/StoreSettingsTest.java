package kz.btcom.fs.subscriber;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreSettingsTest {

    @Test
    void theDefaultsAreTheEmbeddedDatabaseWithAPoolOfEightAndAThirtySecondReload() {
        StoreSettings defaults = StoreSettings.defaults();

        assertTrue(defaults.isEmbedded());
        assertEquals(8, defaults.poolSize());
        assertEquals(200_000, defaults.maxSubscribers());
        assertEquals(Duration.ofSeconds(30), defaults.reloadInterval());
    }

    @Test
    void aPoolOutside1To64IsRefused() {
        assertThrows(IllegalArgumentException.class, () -> withPool(0));
        assertThrows(IllegalArgumentException.class, () -> withPool(65));
        assertEquals(64, withPool(64).poolSize());
    }

    @Test
    void noSubscribersAtAllOrNoReloadIntervalIsRefused() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new StoreSettings(Optional.empty(), "", "", 8, 0, Duration.ofMinutes(5)));
        IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
                () -> new StoreSettings(Optional.empty(), "", "", 8, 1000, Duration.ZERO));

        assertTrue(none.getMessage().contains("maxSubscribers"), none.getMessage());
        assertTrue(never.getMessage().contains("reloadInterval"), never.getMessage());
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedWithoutShowingItsPassword() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> StoreSettings.defaults().withDatabase("jdbc:mysql://db/fs?password=s3cret", "", ""));

        assertTrue(failure.getMessage().contains("jdbc:mysql://db/fs?password=***"), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"));
    }

    @Test
    void thePasswordIsNotInTheSettingsText() {
        StoreSettings settings = StoreSettings.defaults()
                .withDatabase("jdbc:postgresql://db:5432/fs?password=inurl", "fs", "hunter2");

        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertFalse(settings.toString().contains("inurl"), settings.toString());
    }

    @Test
    void passwordsAreMaskedInEveryFormAUrlCanCarryThem() {
        assertEquals("jdbc:postgresql://db/fs?user=fs&password=***&ssl=true",
                JdbcUrls.withoutPassword("jdbc:postgresql://db/fs?user=fs&password=secret&ssl=true"));
        assertEquals("jdbc:postgresql://db/fs?sslpassword=***",
                JdbcUrls.withoutPassword("jdbc:postgresql://db/fs?sslpassword=secret"));
        assertEquals("jdbc:h2:file:/data/x;USER=sa;PASSWORD=***;LOCK_TIMEOUT=1",
                JdbcUrls.withoutPassword("jdbc:h2:file:/data/x;USER=sa;PASSWORD=secret;LOCK_TIMEOUT=1"));
        assertEquals("jdbc:postgresql://fs:***@db/fs", JdbcUrls.withoutPassword("jdbc:postgresql://fs:secret@db/fs"));
        assertEquals("jdbc:postgresql://db:5432/fs", JdbcUrls.withoutPassword("jdbc:postgresql://db:5432/fs"));
    }

    private static StoreSettings withPool(int size) {
        StoreSettings d = StoreSettings.defaults();
        return new StoreSettings(d.jdbcUrl(), d.user(), d.password(), size, d.maxSubscribers(), d.reloadInterval());
    }
}
