package kz.btcom.fs.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The one 20 ms clock of every conference room on the media thread. One clock for all rooms rather than a timer per
 * room: the rooms share the one media thread anyway, so separate timers would only add a scheduled task and a
 * wake-up per room per tick (25,000 a second for 500 rooms) and spread the rooms' work over the 20 ms in an order
 * nobody chose; one tick does them back to back and measures its lateness once, which is what the lateness
 * histogram wants to know.
 * <p>
 * Ticks are reckoned from the clock's start, like {@link FrameTimeline}, never from the previous tick, so lateness
 * does not add up into drift. After a stall at most {@link FrameTimeline#MAX_BURST} late ticks are mixed back to
 * back; older ones are skipped (every jitter buffer drops that frame, nothing is sent), because live audio that late
 * is worth less than a receiver's buffer overflowing with it. The RTP timestamps follow the due times, so a
 * receiver sees a skipped tick as the gap it was. Media thread only.
 */
final class MixingClock {

    private static final Logger LOG = LoggerFactory.getLogger(MixingClock.class);

    /** Runs a task on the media thread after a delay: the media thread's scheduler, a fake one in tests. */
    @FunctionalInterface
    interface Timer {
        Future<?> schedule(Runnable task, long delayNanos);
    }

    private final Timer timer;
    private final LongSupplier ticker;
    private final MixerObserver observer;
    private final List<RoomMix> rooms = new ArrayList<>();
    private long startNanos;
    private long next;
    private Future<?> pending;

    MixingClock(Timer timer, LongSupplier ticker, MixerObserver observer) {
        this.timer = timer;
        this.ticker = ticker;
        this.observer = observer;
    }

    void add(RoomMix room) {
        rooms.add(room);
        if (pending == null) {
            startNanos = ticker.getAsLong();
            next = 0;
            schedule(0);
        }
    }

    void remove(RoomMix room) {
        rooms.remove(room);
        if (rooms.isEmpty() && pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void tick() {
        if (rooms.isEmpty()) {
            return;
        }
        long now = ticker.getAsLong();
        report(Math.max(0, now - dueAt(next)));
        long lastDue = (now - startNanos) / FrameTimeline.FRAME_NANOS;
        for (; next <= lastDue; next++) {
            boolean tooLate = lastDue - next >= FrameTimeline.MAX_BURST;
            for (int i = 0; i < rooms.size(); i++) {
                RoomMix room = rooms.get(i);
                try {
                    if (tooLate) {
                        room.skip();
                    } else {
                        room.tick(dueAt(next));
                    }
                } catch (RuntimeException e) {
                    // One room's bug must not silence the others.
                    LOG.error("the mixing tick failed for a room", e);
                }
            }
        }
        schedule(dueAt(next) - ticker.getAsLong());
    }

    private long dueAt(long tick) {
        return startNanos + tick * FrameTimeline.FRAME_NANOS;
    }

    private void schedule(long delayNanos) {
        pending = timer.schedule(this::tick, Math.max(0, delayNanos));
    }

    private void report(long latenessNanos) {
        try {
            observer.tickLateness(latenessNanos);
        } catch (RuntimeException e) {
            LOG.warn("the mixer observer failed", e);
        }
    }
}
