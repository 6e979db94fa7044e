package kz.btcom.fs.warmup;

import java.time.Duration;
import java.util.Objects;

/**
 * The start-up warm-up (section {@code warmUp}): how many calls a fresh JVM puts through a throwaway instance of the
 * server before the real one opens its ports (see kz.btcom.fs.WarmUp).
 *
 * @param calls   calls to put through; 0: none (the server starts cold, as tests that need no speed do)
 * @param longest the longest the warm-up may take, whatever it has done by then
 */
public record WarmUpSettings(int calls, Duration longest) {

    /** The most calls a warm-up may be asked for: far beyond what the JIT needs, a bound on the start time. */
    public static final int MAX_CALLS = 100_000;
    /** 5,000 calls: on 2 cores the JIT has compiled the call path by then (a fresh server shed calls for 5-7 s at
     *  500-1,000 calls/s without it); about 5 s of the start. */
    public static final WarmUpSettings DEFAULTS = new WarmUpSettings(5_000, Duration.ofSeconds(60));

    public WarmUpSettings {
        Objects.requireNonNull(longest, "longest");
        if (calls < 0 || calls > MAX_CALLS) {
            throw new IllegalArgumentException("calls " + calls + " is out of range 0-" + MAX_CALLS);
        }
    }

    public boolean enabled() {
        return calls > 0;
    }
}
