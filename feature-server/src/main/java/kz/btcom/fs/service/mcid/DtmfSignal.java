package kz.btcom.fs.service.mcid;

import java.util.Locale;
import java.util.Optional;

/**
 * The key a DTMF INFO carries: {@code application/dtmf-relay} ({@code Signal=*} on a line of its own, as most
 * gateways send it; {@code 10} and {@code 11} for {@code *} and {@code #} as RFC 4733 numbers them) or
 * {@code application/dtmf} (the key alone).
 */
final class DtmfSignal {

    private DtmfSignal() {
    }

    static Optional<Character> of(String contentType, String body) {
        String type = contentType.toLowerCase(Locale.ROOT).trim();
        if (type.equals("application/dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int equals = line.indexOf('=');
                if (equals > 0 && line.substring(0, equals).trim().equalsIgnoreCase("signal")) {
                    return key(line.substring(equals + 1).trim());
                }
            }
            return Optional.empty();
        }
        if (type.equals("application/dtmf")) {
            return key(body.trim());
        }
        return Optional.empty();
    }

    private static Optional<Character> key(String signal) {
        return switch (signal) {
            case "10" -> Optional.of('*');
            case "11" -> Optional.of('#');
            default -> signal.length() == 1 && "0123456789*#ABCDabcd".indexOf(signal.charAt(0)) >= 0
                    ? Optional.of(Character.toUpperCase(signal.charAt(0))) : Optional.empty();
        };
    }
}
