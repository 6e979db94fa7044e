package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running server's {@code /metrics}, read as a monitoring system reads it: one series by its exact name and labels,
 * e.g. {@code fs_calls_in_progress} or {@code fs_calls_total{outcome="answered"}}, and waits for a series to reach a
 * value, polled with a deadline (never a sleep and a hope).
 */
final class ServerMetrics {

    private static final Duration POLL = Duration.ofMillis(100);

    private final URI uri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerMetrics(int httpPort) {
        this.uri = URI.create("http://127.0.0.1:" + httpPort + "/metrics");
    }

    /** The whole exposition text. */
    String scrape() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of one series now; fails when the server does not expose it. */
    double value(String series) throws IOException, InterruptedException {
        return valueIn(scrape(), series);
    }

    /** The value of one series in an exposition text; fails when it is not there. */
    static double valueIn(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$").matcher(exposition);
        if (!m.find()) {
            throw new AssertionError(series + " is not in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    /** Polls until the series satisfies {@code expected}; fails with its last value and {@code what} otherwise. */
    void await(String series, DoublePredicate expected, Duration within, String what) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        double last;
        do {
            last = value(series);
            if (expected.test(last)) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": " + series + " still " + last + " after " + within.toSeconds() + " s");
    }

    /**
     * Polls until every one of the series reads 0, or the time is up; their last values, in the order given (the
     * caller says what a value left above 0 means).
     */
    Map<String, Double> awaitZero(Duration within, String... series) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Map<String, Double> values;
        do {
            String text = scrape();
            values = new LinkedHashMap<>();
            for (String name : series) {
                values.put(name, valueIn(text, name));
            }
            if (values.values().stream().allMatch(v -> v == 0.0)) {
                return values;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        return values;
    }
}
