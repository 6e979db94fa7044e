package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The settings refuse what the adapter could not honour, at start rather than in a call. */
class SipSettingsTest {

    private static final SipSettings DEFAULTS = SipSettings.defaults();

    @Test
    void keepAliveIsOnByDefaultEveryTwoMinutesWithTenSecondsToAnswer() {
        assertEquals(Duration.ofSeconds(120), DEFAULTS.keepAliveInterval());
        assertEquals(Duration.ofSeconds(10), DEFAULTS.keepAliveTimeout());
    }

    @Test
    void aZeroIntervalTurnsKeepAliveOff() {
        assertEquals(Duration.ZERO, DEFAULTS.withKeepAlive(Duration.ZERO, Duration.ofSeconds(10)).keepAliveInterval());
    }

    @Test
    void aProbeMustBeDecidedBeforeTheNextGoes() {
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withKeepAlive(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    }

    @Test
    void aNegativeIntervalOrANonPositiveTimeoutIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withKeepAlive(Duration.ofSeconds(-1), Duration.ofSeconds(10)));
        assertThrows(IllegalArgumentException.class,
                () -> DEFAULTS.withKeepAlive(Duration.ofSeconds(60), Duration.ZERO));
    }

    @Test
    void otherSettingsSurviveWithKeepAliveAndTheOtherWay() {
        SipSettings settings = DEFAULTS.withOnwardInviteTimeout(Duration.ofSeconds(8))
                .withKeepAlive(Duration.ofSeconds(30), Duration.ofSeconds(5))
                .withOnwardInviteTimeout(Duration.ofSeconds(9));

        assertEquals(Duration.ofSeconds(9), settings.onwardInviteTimeout());
        assertEquals(Duration.ofSeconds(30), settings.keepAliveInterval());
        assertEquals(Duration.ofSeconds(5), settings.keepAliveTimeout());
    }
}
