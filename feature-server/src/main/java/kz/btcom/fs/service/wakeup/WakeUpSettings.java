package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.featurecode.PromptChoice;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Wake-up calls (PRODUCT.md service 3), as the {@code wakeUp} section of the configuration sets them.
 *
 * @param zone           the zone of the subscribers' clocks, which booked times are read in
 * @param callerNumber   who the wake-up call is from, E.164 with '+': what the line's display shows
 * @param announcement   what the subscriber hears on answer: the built-in wake-up tone, or a WAV prompt
 * @param announceFor    the longest the announcement plays before the server hangs up
 * @param ringFor        how long the line rings before the attempt counts as unanswered (CANCEL)
 * @param retryAfter     the pause between a failed attempt and the next
 * @param attempts       attempts per booked minute, the first included
 * @param callsPerSecond the most wake-up calls placed in one second
 * @param maxInProgress  the most wake-up calls in progress at once (per node)
 * @param lateness       how late a minute missed while the server was down is still called
 */
public record WakeUpSettings(ZoneId zone, String callerNumber, PromptChoice announcement, Duration announceFor,
                           Duration ringFor, Duration retryAfter, int attempts, int callsPerSecond, int maxInProgress,
                           Duration lateness) {

    /** E.164 with '+'. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** BTcom's default: Almaty's clocks, the wake-up service's number, the built-in tone. */
    public static final WakeUpSettings DEFAULTS = new WakeUpSettings(ZoneId.of("Asia/Almaty"), "+77272777100",
            PromptChoice.TONE, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5), 3, 20, 200,
            Duration.ofMinutes(10));

    public WakeUpSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Objects.requireNonNull(announcement, "announcement");
        Objects.requireNonNull(announceFor, "announceFor");
        Objects.requireNonNull(ringFor, "ringFor");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(lateness, "lateness");
        if (!E164.matcher(callerNumber).matches()) {
            throw new IllegalArgumentException("callerNumber " + callerNumber + " is not E.164 with '+'");
        }
        if (announcement instanceof PromptChoice.None) {
            throw new IllegalArgumentException("a wake-up call always has an announcement");
        }
        if (attempts < 1 || callsPerSecond < 1 || maxInProgress < 1) {
            throw new IllegalArgumentException("attempts, callsPerSecond and maxInProgress are at least 1");
        }
    }

    public WakeUpSettings withRetry(Duration newRingFor, Duration newRetryAfter) {
        return new WakeUpSettings(zone, callerNumber, announcement, announceFor, newRingFor, newRetryAfter, attempts,
                callsPerSecond, maxInProgress, lateness);
    }

    public WakeUpSettings withPace(int newCallsPerSecond, int newMaxInProgress) {
        return new WakeUpSettings(zone, callerNumber, announcement, announceFor, ringFor, retryAfter, attempts,
                newCallsPerSecond, newMaxInProgress, lateness);
    }
}
