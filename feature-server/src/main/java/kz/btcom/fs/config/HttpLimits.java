package kz.btcom.fs.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP interface takes from one client before it stops listening to it: the {@code http} section's
 * limits. Anyone who reaches the port can open connections and send bytes; these keep that from costing the server
 * more than a bounded amount of memory, sockets and time.
 *
 * @param maxConnections      connections open at once; one more is answered 503 and closed
 * @param idleTimeout         a connection that sends nothing between requests for this long is closed
 * @param requestTimeout      from its first byte, a request (headers and body) must be in whole within this long,
 *                            however slowly it trickles; else it gets 408 and the connection is closed
 * @param maxRequestLineBytes the longest request line (method, URI, version); a longer one gets 414
 * @param maxHeaderBytes      the headers of one request together; larger get 431
 * @param maxBodyBytes        the largest body; a larger one gets 413 (endpoints may take less: a profile 16 KiB)
 * @param maxFailedTokens     unknown bearer tokens one address may present within {@code failedTokensWindow};
 *                            after that its calls get 429 until the window ends
 * @param failedTokensWindow  see {@code maxFailedTokens}
 */
public record HttpLimits(int maxConnections, Duration idleTimeout, Duration requestTimeout, int maxRequestLineBytes,
                         int maxHeaderBytes, int maxBodyBytes, int maxFailedTokens, Duration failedTokensWindow) {

    /** The built-in defaults ({@code config/feature-server.yaml} says the same; a test keeps them equal). */
    public static final HttpLimits DEFAULTS = new HttpLimits(128, Duration.ofSeconds(60),
            Duration.ofSeconds(10), 4096, 8192, 64 * 1024, 10, Duration.ofSeconds(60));

    public HttpLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections " + maxConnections + " must be at least 1");
        }
        if (maxRequestLineBytes < 64 || maxHeaderBytes < 64 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("a request line of " + maxRequestLineBytes + " bytes, headers of "
                    + maxHeaderBytes + " and a body of " + maxBodyBytes + " leave no room for a request");
        }
        if (maxFailedTokens < 1) {
            throw new IllegalArgumentException("maxFailedTokens " + maxFailedTokens + " must be at least 1");
        }
        positive(failedTokensWindow, "failedTokensWindow");
        positive(idleTimeout, "idleTimeout");
        positive(requestTimeout, "requestTimeout");
    }

    public HttpLimits withMaxConnections(int connections) {
        return new HttpLimits(connections, idleTimeout, requestTimeout, maxRequestLineBytes, maxHeaderBytes,
                maxBodyBytes, maxFailedTokens, failedTokensWindow);
    }

    public HttpLimits withIdleTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, timeout, requestTimeout, maxRequestLineBytes, maxHeaderBytes,
                maxBodyBytes, maxFailedTokens, failedTokensWindow);
    }

    public HttpLimits withRequestTimeout(Duration timeout) {
        return new HttpLimits(maxConnections, idleTimeout, timeout, maxRequestLineBytes, maxHeaderBytes,
                maxBodyBytes, maxFailedTokens, failedTokensWindow);
    }

    public HttpLimits withMaxSizes(int requestLineBytes, int headerBytes, int bodyBytes) {
        return new HttpLimits(maxConnections, idleTimeout, requestTimeout, requestLineBytes, headerBytes, bodyBytes,
                maxFailedTokens, failedTokensWindow);
    }

    public HttpLimits withFailedTokens(int failures, Duration window) {
        return new HttpLimits(maxConnections, idleTimeout, requestTimeout, maxRequestLineBytes, maxHeaderBytes,
                maxBodyBytes, failures, window);
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " " + duration + " must be positive");
        }
    }
}
