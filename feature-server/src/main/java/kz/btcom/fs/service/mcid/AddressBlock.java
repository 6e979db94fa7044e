package kz.btcom.fs.service.mcid;

import kz.btcom.fs.media.IpLiteral;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/** An IPv4 or IPv6 address block in CIDR notation ({@code 10.20.0.0/24}); a single address is a full-length block. */
record AddressBlock(byte[] network, int prefixLength, String text) {

    AddressBlock {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(text, "text");
    }

    /** Empty when {@code text} is no address literal or block (a host name is refused: no DNS here). */
    static Optional<AddressBlock> parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        Optional<InetAddress> parsed = IpLiteral.parse(address);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = parsed.get().getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(length);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new AddressBlock(bytes, prefix, text));
    }

    /** Whether the address literal {@code host} lies in this block (an IPv4 address never in an IPv6 block). */
    boolean contains(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Optional<InetAddress> address = IpLiteral.parse(bare);
        if (address.isEmpty()) {
            return false;
        }
        byte[] bytes = address.get().getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[whole] & mask) == (network[whole] & mask);
    }
}
