package kz.btcom.fs.time;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;

/**
 * One named thread for writes that must not run on a call's lane (a malicious-call record to the database). Closing
 * lets the writes already queued finish, for up to 10 s.
 */
public final class SingleThreadWriter implements Executor, AutoCloseable {

    private final ExecutorService executor;

    public SingleThreadWriter(String threadName) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable command) {
        executor.execute(command);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
