package kz.btcom.fs.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * What one party may take of the server over SIP/TCP (anyone who reaches the port can open connections and send
 * bytes). The largest message is {@link SipSettings#maxMessageSize()}, for TCP as for UDP.
 *
 * @param maxConnections connections accepted and open at once; one more is closed at once
 * @param idleTimeout    a connection that sends nothing for this long is closed (the core reconnects when it has
 *                       something to send; the server opens its own towards the core)
 * @param messageTimeout from its first line, a message's headers and then its body must arrive within this long,
 *                       however slowly they trickle in (slowloris, a Content-Length beyond what follows); else the
 *                       connection is closed
 */
public record TcpLimits(int maxConnections, Duration idleTimeout, Duration messageTimeout) {

    public TcpLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(messageTimeout, "messageTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, not " + maxConnections);
        }
        if (idleTimeout.toMillis() < 100 || messageTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("the TCP timeouts are 100 ms or more, not " + idleTimeout + " and "
                    + messageTimeout);
        }
    }

    /** 256 connections, closed after 5 minutes of silence; a message must be in within 10 s. */
    public static TcpLimits defaults() {
        return new TcpLimits(256, Duration.ofMinutes(5), Duration.ofSeconds(10));
    }
}
