package kz.btcom.fs.sip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses that may send the server SIP: the core's. Each entry is an IPv4 or IPv6 address, or a CIDR block
 * ({@code 10.1.2.0/24}, {@code 2001:db8::/32}); an IPv4-mapped IPv6 source counts as its IPv4 address. Entries
 * are literals, never names: a name would make each start depend on DNS, and whoever controls DNS the trust.
 * Immutable; {@link #trusts} allocates nothing.
 */
public final class TrustedPeers {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;
    private final List<String> entries;

    private TrustedPeers(List<Block> blocks, List<String> entries) {
        this.blocks = List.copyOf(blocks);
        this.entries = List.copyOf(entries);
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is not an address or a CIDR block, or if there
     *                                  is none: a server that trusts nobody serves nobody
     */
    public static TrustedPeers parse(List<String> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("at least one address or CIDR block is needed (the core's)");
        }
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            blocks.add(block(entry.trim()));
        }
        return new TrustedPeers(blocks, entries);
    }

    /** Every address {@code host} (the core's, a literal or a name) resolves to now: the default list. */
    public static TrustedPeers ofHost(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            List<Block> blocks = new ArrayList<>();
            for (InetAddress address : InetAddress.getAllByName(literal)) {
                byte[] bytes = address.getAddress();
                blocks.add(new Block(bytes, bytes.length * 8));
            }
            return new TrustedPeers(blocks, List.of(literal));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("the core's host " + host + " does not resolve, so the default"
                    + " trusted peers are unknown: list them", e);
        }
    }

    /** Whether requests and responses from {@code source} are believed. */
    public boolean trusts(InetAddress source) {
        if (source == null) {
            return false;
        }
        byte[] address = source.getAddress();
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The entries as configured. */
    public List<String> entries() {
        return entries;
    }

    /** Equal when made of the same entries (the configuration compares as values). */
    @Override
    public boolean equals(Object other) {
        return other instanceof TrustedPeers that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return String.join(", ", entries);
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        byte[] address = literal(addressText)
                .orElseThrow(() -> new IllegalArgumentException("\"" + entry + "\" is not an IP address or a CIDR"
                        + " block such as 10.1.2.0/24 or 2001:db8::/32"));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = entry.substring(slash + 1);
            if (!prefixText.matches("\\d{1,3}") || Integer.parseInt(prefixText) > bits) {
                throw new IllegalArgumentException("\"" + entry + "\": the prefix length must be 0-" + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        return new Block(Arrays.copyOf(address, address.length), prefix);
    }

    /** The address of an IPv4 or IPv6 literal, without asking DNS; empty for anything else (a name). */
    private static java.util.Optional<byte[]> literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = t.indexOf(':') >= 0 && t.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(t).getAddress()); // a literal: no lookup
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
