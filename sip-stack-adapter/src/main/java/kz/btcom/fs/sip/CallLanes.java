package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Single-threaded executors that run calls' events: a call always runs on the same lane, so its events run one
 * at a time and in the order they were handed over, and call state needs no locks.
 */
final class CallLanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallLanes.class);

    private final ThreadPoolExecutor[] lanes;

    CallLanes(int count) {
        lanes = new ThreadPoolExecutor[count];
        for (int i = 0; i < count; i++) {
            String name = "call-lane-" + i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** The lane for a call, chosen by its incoming Call-ID. */
    int laneOf(String callId) {
        return Math.floorMod(callId.hashCode(), lanes.length);
    }

    void execute(int lane, Runnable event) {
        lanes[lane].execute(new QueuedEvent(event, System.nanoTime()));
    }

    /** How long the oldest event waiting on any lane has waited, in milliseconds. */
    long oldestWaitMillis() {
        long now = System.nanoTime();
        long oldest = 0;
        for (ThreadPoolExecutor lane : lanes) {
            if (lane.getQueue().peek() instanceof QueuedEvent waiting) {
                oldest = Math.max(oldest, now - waiting.queuedAt);
            }
        }
        return oldest / 1_000_000;
    }

    private record QueuedEvent(Runnable event, long queuedAt) implements Runnable {
        @Override
        public void run() {
            try {
                event.run();
            } catch (RuntimeException e) {
                // A bug in one call's handling must not take the lane (and every call on it) down.
                LOG.error("call event failed", e);
            }
        }
    }

    @Override
    public void close() {
        for (ThreadPoolExecutor lane : lanes) {
            lane.shutdown();
        }
        for (ThreadPoolExecutor lane : lanes) {
            try {
                lane.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
