package kz.btcom.fs.subscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that writes profiles. Writes of this node reach the database and memory in the same order,
 * so memory never ends up holding an older write than the database; and a call's thread only queues a
 * change, never waits for the disk.
 */
final class ProfileWriter {

    /** Beyond this, the database is not keeping up (or is gone): refuse rather than queue without bound. */
    static final int MAX_QUEUED_WRITES = 10_000;

    private final ThreadPoolExecutor executor;
    private volatile Thread writerThread;

    ProfileWriter(String threadName) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_WRITES), runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    writerThread = thread;
                    return thread;
                });
    }

    /** Runs {@code write} on the writer thread; a full queue or a closed writer fails the future at once. */
    <T> CompletableFuture<T> submit(Supplier<T> write) {
        Task<T> task = new Task<>(write);
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.result.completeExceptionally(new StoreException(executor.isShutdown()
                    ? "the subscriber directory is closed"
                    : "too many profile changes waiting for the database (" + MAX_QUEUED_WRITES + ")", e));
        }
        return task.result;
    }

    boolean isWriterThread() {
        return Thread.currentThread() == writerThread;
    }

    /**
     * Lets queued writes finish for up to {@code grace}; those still queued after it fail. The write in progress
     * is never interrupted: an interrupted H2 file channel closes the whole database.
     */
    void close(Duration grace) {
        executor.shutdown();
        if (awaitTermination(grace)) {
            return;
        }
        List<Runnable> abandoned = new ArrayList<>();
        executor.getQueue().drainTo(abandoned);
        for (Runnable runnable : abandoned) {
            ((Task<?>) runnable).result.completeExceptionally(
                    new StoreException("the subscriber directory closed before this change was written", null));
        }
        awaitTermination(grace);
    }

    private boolean awaitTermination(Duration grace) {
        try {
            return executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final class Task<T> implements Runnable {
        private final Supplier<T> write;
        private final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Supplier<T> write) {
            this.write = write;
        }

        @Override
        public void run() {
            try {
                result.complete(write.get());
            } catch (Throwable e) {
                // The future is the only one who can report it: the thread must go on writing.
                result.completeExceptionally(e);
            }
        }
    }
}
