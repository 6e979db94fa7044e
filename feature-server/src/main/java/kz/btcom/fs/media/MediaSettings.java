package kz.btcom.fs.media;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the media endpoint listens and how far it may go.
 *
 * @param address         the IP address the RTP sockets bind to and the SDP announces; it must be one callers (the
 *                        core's media) can reach, so not a wildcard: {@code 0.0.0.0} in SDP means "on hold"
 * @param portMin         the lowest port of the RTP range
 * @param portMax         the highest port of the range; each session takes an even port and keeps the odd one
 *                        above it for RTCP (RFC 3550 11), so a range of 4 ports serves 2 sessions at a time
 * @param maxPromptLength a safety limit: no prompt plays longer, whatever its file says
 * @param promptWait      how long a call waits for its prompt to be decided (a database write) before it gets the
 *                        negative tone instead
 */
public record MediaSettings(String address, int portMin, int portMax, Duration maxPromptLength,
                            Duration promptWait) {

    private static final Duration LONGEST_PROMPT = Duration.ofMinutes(10);

    public MediaSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(maxPromptLength, "maxPromptLength");
        Objects.requireNonNull(promptWait, "promptWait");
        InetAddress parsed = parseLiteral(address);
        if (parsed.isAnyLocalAddress() || parsed.isMulticastAddress()) {
            throw new IllegalArgumentException("media address " + address
                    + " cannot be announced in SDP: give the address callers send RTP to");
        }
        if (portMin < 1024 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("media port range " + portMin + "-" + portMax
                    + " must lie within 1024-65535, lowest first");
        }
        if (firstEvenPort(portMin) + 1 > portMax) {
            throw new IllegalArgumentException("media port range " + portMin + "-" + portMax
                    + " holds no even RTP port with its RTCP port above it");
        }
        if (maxPromptLength.compareTo(Duration.ofMillis(20)) < 0 || maxPromptLength.compareTo(LONGEST_PROMPT) > 0) {
            throw new IllegalArgumentException("the longest prompt " + maxPromptLength
                    + " must be between 20 ms and " + LONGEST_PROMPT.toMinutes() + " minutes");
        }
        if (promptWait.isNegative() || promptWait.isZero()) {
            throw new IllegalArgumentException("the wait for a prompt " + promptWait + " must be positive");
        }
    }

    /** Loopback, ports 40000-40999, prompts up to a minute, decided within 5 s: for tests and a first start. */
    public static MediaSettings defaults() {
        return new MediaSettings("127.0.0.1", 40000, 40999, Duration.ofMinutes(1), Duration.ofSeconds(5));
    }

    public InetAddress inetAddress() {
        return parseLiteral(address);
    }

    /** How many sessions the range serves at once. */
    public int sessionCapacity() {
        return (portMax - firstEvenPort(portMin) + 1) / 2;
    }

    int firstRtpPort() {
        return firstEvenPort(portMin);
    }

    private static int firstEvenPort(int port) {
        return port % 2 == 0 ? port : port + 1;
    }

    /** An IP literal only: a host name would mean a DNS lookup at start and an address that may change. */
    private static InetAddress parseLiteral(String address) {
        return IpLiteral.parse(address).orElseThrow(() ->
                new IllegalArgumentException("media address '" + address + "' is not an IP address"));
    }
}
