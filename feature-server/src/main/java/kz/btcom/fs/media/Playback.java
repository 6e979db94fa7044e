package kz.btcom.fs.media;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * One prompt being played on a leg: a timer on the media thread that sends each frame when it is due and completes
 * {@link #done} when the caller has heard the last one. Everything but {@link #stop()} runs on that thread.
 */
final class Playback {

    /** Sends frame {@code frame} of the prompt with RTP timestamp {@code timestamp}. */
    @FunctionalInterface
    interface FrameSender {
        void send(int frame, long timestamp);
    }

    private final EventExecutor loop;
    private final LongSupplier ticker;
    private final LongUnaryOperator timestampAt;
    private final FrameSender sender;
    private final CompletableFuture<Void> done;
    private FrameTimeline timeline;
    private long next;
    private volatile ScheduledFuture<?> timer;

    /**
     * @param timestampAt the RTP timestamp of a sample taken at a time on {@code ticker}: a frame carries the time
     *                    it is due, so after a stall the receiver sees the gap for what it was
     */
    Playback(EventExecutor loop, LongSupplier ticker, FrameTimeline timeline, LongUnaryOperator timestampAt,
             FrameSender sender, CompletableFuture<Void> done) {
        this.loop = loop;
        this.ticker = ticker;
        this.timeline = timeline;
        this.timestampAt = timestampAt;
        this.sender = sender;
        this.done = done;
    }

    /** Sends the first frame now. Call on the media thread. */
    void start() {
        tick();
    }

    /** Ends the playback early; its stage completes with a {@link CancellationException}. Any thread. */
    void stop(String why) {
        done.completeExceptionally(new CancellationException(why));
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void tick() {
        if (done.isDone()) {
            return;
        }
        long now = ticker.getAsLong();
        timeline = timeline.catchUp(next, now);
        long lastDue = timeline.lastDue(now);
        for (; next <= lastDue; next++) {
            sender.send((int) next, timestampAt.applyAsLong(timeline.dueAt(next)));
        }
        if (next >= timeline.frames()) {
            schedule(() -> done.complete(null), timeline.playedOutAt() - now);
        } else {
            schedule(this::tick, timeline.dueAt(next) - now);
        }
    }

    private void schedule(Runnable task, long delayNanos) {
        timer = loop.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        if (done.isDone()) {
            timer.cancel(false); // stopped from another thread while we were scheduling
        }
    }
}
