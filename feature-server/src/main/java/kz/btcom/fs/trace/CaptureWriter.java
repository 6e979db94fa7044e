package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that writes capture files. The call path hands it messages through a bounded queue and never
 * waits: when {@code capacity} messages are waiting, the next is refused (the capture counts it as dropped).
 * Tasks (close a capture's file, write its sidecar) go through the same queue, so they run after every message
 * handed over before them; they are few, and are never refused.
 */
final class CaptureWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CaptureWriter.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private sealed interface Item permits Message, Task, Stop {
    }

    private record Message(SipCapture capture, CapturedSipMessage message) implements Item {
    }

    private record Task(Runnable runnable) implements Item {
    }

    private record Stop() implements Item {
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    /** Messages in the queue: the bound applies to them, not to tasks. */
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final int capacity;
    private final Thread thread;

    CaptureWriter(int capacity) {
        this.capacity = capacity;
        this.thread = new Thread(this::run, "fs-sip-trace-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a message over without waiting; false when the queue is full. */
    boolean offer(SipCapture capture, CapturedSipMessage message) {
        if (queuedMessages.incrementAndGet() > capacity) {
            queuedMessages.decrementAndGet();
            return false;
        }
        queue.add(new Message(capture, message));
        return true;
    }

    /** Runs {@code task} on the writer thread after everything handed over before it. */
    void execute(Runnable task) {
        queue.add(new Task(task));
    }

    /** Waits (at most {@code timeout}) until everything handed over so far is written; false on timeout. */
    boolean sync(Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        execute(done::countDown);
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes what is queued, runs the tasks queued, then stops the thread. */
    @Override
    public void close() {
        queue.add(new Stop());
        try {
            thread.join(STOP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("the SIP trace writer did not finish within {} s; captures may end short", STOP_GRACE.toSeconds());
            thread.interrupt();
        }
    }

    private void run() {
        while (true) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item instanceof Stop) {
                return;
            }
            try {
                if (item instanceof Message message) {
                    queuedMessages.decrementAndGet();
                    write(message.capture(), message.message());
                } else if (item instanceof Task task) {
                    task.runnable().run();
                }
            } catch (RuntimeException e) {
                // One bad message or task must not end the tracing of every other capture.
                log.error("SIP trace writer: {} failed", item, e);
            }
        }
    }

    private static void write(SipCapture capture, CapturedSipMessage message) {
        CaptureFile file = capture.file();
        if (file == null) {
            // Taken a moment before the capture ended, handed over after its file was closed.
            return;
        }
        try {
            boolean appended = file.append(message);
            if (!appended && !capture.isTruncated()) {
                log.warn("SIP capture {} of {} reached its bound at {} bytes: later messages are counted, not kept",
                        capture.id(), capture.number().e164(), file.length());
            }
            capture.written(message, appended, file.length());
        } catch (IllegalArgumentException e) {
            capture.countDropped();
            log.warn("SIP capture {}: a {} message of {} bytes (call {}) cannot be a packet: {}", capture.id(),
                    message.transport(), message.bytes().length, message.callKey(), e.getMessage());
        } catch (IOException e) {
            capture.countDropped();
            log.warn("SIP capture {}: cannot write {}: {}", capture.id(), file.path(), e.toString());
        }
    }
}
