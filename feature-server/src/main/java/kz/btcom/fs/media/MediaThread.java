package kz.btcom.fs.media;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One of the media endpoint's threads: its event loop, and the one mixing clock of the conference rooms that live on
 * it. A room never moves: its mix, its parties' sockets and its ticks stay on one thread, so they need no locks.
 */
final class MediaThread {

    private final EventLoop loop;
    private final MixingClock clock;

    MediaThread(EventLoop loop, LongSupplier ticker, MixerObserver observer) {
        this.loop = loop;
        this.clock = new MixingClock((task, delay) -> loop.schedule(task, delay, TimeUnit.NANOSECONDS), ticker,
                observer);
    }

    EventLoop loop() {
        return loop;
    }

    /** Media thread ({@link #loop}) only. */
    MixingClock clock() {
        return clock;
    }
}
