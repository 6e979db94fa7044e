package kz.btcom.fs.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Capture ids: 128 random bits from a SecureRandom, as 32 lower-case hex digits. Nobody can guess another's
 * capture, and an id is safe as a file name: anything else given as an id is never used as a path.
 */
public final class CaptureIds {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CaptureIds() {
    }

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    public static boolean isWellFormed(String id) {
        return id != null && FORM.matcher(id).matches();
    }
}
