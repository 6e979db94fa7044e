package kz.btcom.fs.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP address literals, parsed without ever asking DNS: {@link InetAddress#getByName} would look up anything that
 * is not a valid literal (say {@code 10.0.0.256}), blocking a call's thread on a resolver.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    public static Optional<InetAddress> parse(String text) {
        try {
            if (text.indexOf(':') >= 0) {
                return Optional.of(InetAddress.getByName(text)); // a colon makes it an IPv6 literal or an error
            }
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                    return Optional.empty();
                }
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
