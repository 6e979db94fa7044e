package kz.btcom.fs.subscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Wrong barring PINs in a row, and until when changes are locked: three wrong PINs lock barring changes for 15
 * minutes (PRODUCT.md). Kept with the profile so the lock survives a restart and holds on every node.
 */
public record PinGuard(int failures, Optional<Instant> lockedUntil) {

    public static final int MAX_FAILURES = 3;
    public static final Duration LOCK = Duration.ofMinutes(15);
    public static final PinGuard CLEAR = new PinGuard(0, Optional.empty());

    public PinGuard {
        if (failures < 0) {
            throw new IllegalArgumentException("failures " + failures + " < 0");
        }
        Objects.requireNonNull(lockedUntil, "lockedUntil");
    }

    public boolean isLocked(Instant now) {
        return lockedUntil.isPresent() && now.isBefore(lockedUntil.get());
    }

    /** One more wrong PIN: the third in a row locks changes from now on. */
    public PinGuard afterWrongPin(Instant now) {
        int count = isLockExpired(now) ? 1 : failures + 1;
        return count >= MAX_FAILURES ? new PinGuard(count, Optional.of(now.plus(LOCK))) : new PinGuard(count, Optional.empty());
    }

    private boolean isLockExpired(Instant now) {
        return lockedUntil.isPresent() && !now.isBefore(lockedUntil.get());
    }
}
