package kz.btcom.fs.admin;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP interface takes from one client before it stops listening to it: the {@code http} section's
 * limits. Anyone who reaches the port can open connections and send bytes; these keep that from costing the server
 * more than a bounded amount of memory, sockets and time.
 *
 * @param maxConnections connections open at once; one more is answered 503 and closed
 * @param idleTimeout    a connection that sends nothing between requests for this long is closed
 * @param requestTimeout from its first byte, a request (headers and body) must be in whole within this long, however
 *                       slowly it trickles; else it gets 408 and the connection is closed
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, Duration requestTimeout) {

    /** The built-in defaults ({@code config/feature-server.yaml} says the same; a test keeps them equal). */
    public static final HttpLimits DEFAULTS = new HttpLimits(128, Duration.ofSeconds(60),
            Duration.ofSeconds(10));

    public HttpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " must be at least 1");
        }
        positive(idleTimeout, "idleTimeout");
        positive(requestTimeout, "requestTimeout");
    }

    public HttpLimits withMaxConnections(int connections) {
        return new HttpLimits(connections, idleTimeout, requestTimeout);
    }

    public HttpLimits withIdleTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, timeout, requestTimeout);
    }

    public HttpLimits withRequestTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, idleTimeout, timeout);
    }

    /** "10 s", or "500 ms" for what tests configure. */
    static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " " + duration + " must be positive");
        }
    }
}
