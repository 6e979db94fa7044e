package kz.btcom.fs.config;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network address as configured: {@code HOST:PORT}, the host a name, an IPv4 address or a bracketed IPv6
 * address ({@code [::1]:5060}). Names are not resolved here: the core may be a name that resolves later.
 *
 * @param host the host without brackets ({@code ::1} for {@code [::1]})
 * @param port 1-65535; 0 only when built in code, meaning "any free port" (tests)
 */
public record HostPort(String host, int port) {

    private static final Pattern HOST_NAME =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern ALL_DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code HOST:PORT} with a port 1-65535; empty when the text is anything else. */
    public static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !PORT.matcher(text.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(text.substring(colon + 1));
        String host = text.substring(0, colon);
        if (port < 1 || port > 65_535) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            String literal = host.substring(1, host.length() - 1);
            return isIpv6Literal(literal) ? Optional.of(new HostPort(literal, port)) : Optional.empty();
        }
        return isNameOrIpv4(host) ? Optional.of(new HostPort(host, port)) : Optional.empty();
    }

    /** The address a socket is bound to, for logs: {@code 127.0.0.1:8080}, not InetSocketAddress's {@code /127.0.0.1:8080}. */
    public static HostPort of(InetSocketAddress address) {
        return new HostPort(address.getAddress().getHostAddress(), address.getPort());
    }

    public boolean isIpv6() {
        return host.indexOf(':') >= 0;
    }

    /** For binding a socket. Resolves the host: call at start, not on a hot path. */
    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The host of {@code text} when it is a host alone, as a SIP URI's host part takes it: a name, an IPv4 address,
     * or a bracketed IPv6 address (returned without its brackets); empty otherwise.
     */
    public static Optional<String> parseHost(String text) {
        if (text.startsWith("[") && text.endsWith("]")) {
            String literal = text.substring(1, text.length() - 1);
            return isIpv6Literal(literal) ? Optional.of(literal) : Optional.empty();
        }
        return isNameOrIpv4(text) ? Optional.of(text) : Optional.empty();
    }

    private static boolean isNameOrIpv4(String host) {
        // 999.1.1.1 matches the name syntax, but nobody means a name by it.
        if (ALL_DIGITS_AND_DOTS.matcher(host).matches()) {
            return IPV4.matcher(host).matches();
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean isIpv6Literal(String literal) {
        // The character check comes first so that the JDK parses a literal and never asks DNS.
        if (!literal.contains(":") || !IPV6.matcher(literal).matches()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(literal) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
