package kz.btcom.fs.subscriber;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The barring PIN, kept only as a salted PBKDF2 hash: the API never returns it (it is write-only) and a copy of
 * the database does not give it away at a glance. Four to eight digits.
 *
 * @param encoded {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash in Base64
 */
public record Pin(String encoded) {

    public static final int MIN_DIGITS = 4;
    public static final int MAX_DIGITS = 8;
    /** What a new line gets when the operator gives no PIN: the usual factory PIN of the CIS code-34 norm. */
    public static final String DEFAULT_DIGITS = "0000";

    private static final String SCHEME = "pbkdf2-sha256";
    // Checked only when a subscriber dials a barring code or the operator sets a PIN: a few ms each is fine.
    private static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    public Pin {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith(SCHEME + "$") || encoded.split("\\$").length != 4) {
            throw new IllegalArgumentException("not an encoded PIN");
        }
    }

    public static boolean isWellFormed(String digits) {
        return digits != null && digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS
                && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Hashes a new PIN. */
    public static Pin of(String digits) {
        if (!isWellFormed(digits)) {
            throw new IllegalArgumentException("a PIN is " + MIN_DIGITS + " to " + MAX_DIGITS + " digits");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return new Pin(SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(hash(digits, salt, ITERATIONS)));
    }

    public boolean matches(String digits) {
        if (!isWellFormed(digits)) {
            return false;
        }
        String[] parts = encoded.split("\\$");
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, hash(digits, salt, iterations));
    }

    private static byte[] hash(String digits, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(digits.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is in every Java 17", e);
        }
    }

    @Override
    public String toString() {
        return "Pin[hidden]";
    }
}
