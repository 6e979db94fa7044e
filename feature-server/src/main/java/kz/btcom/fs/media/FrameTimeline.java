package kz.btcom.fs.media;

/**
 * When each 20 ms frame of one playback is due. Every frame's time is reckoned from the start, never from the
 * previous send, so timer lateness does not add up into drift: a late tick sends what is due and the next one is
 * scheduled for the next frame's own time. Pure arithmetic on a nanosecond ticker, tested without sockets.
 *
 * @param startNanos when frame 0 is due
 * @param frames     how many frames the playback has
 */
record FrameTimeline(long startNanos, int frames) {

    static final long FRAME_NANOS = SdpWriter.PTIME_MILLIS * 1_000_000L;
    /**
     * After the last frame is sent, the caller still has it and its jitter buffer to play out; hanging up at once
     * would cut the end of the prompt.
     */
    static final long PLAYOUT_TAIL_NANOS = 100_000_000L;
    /**
     * At most this many late frames go out back to back. A longer stall (a GC pause, an overloaded host) moves the
     * rest of the prompt later instead: a recorded prompt must not lose words, and a receiver's jitter buffer
     * could not use a long burst anyway.
     */
    static final int MAX_BURST = 3;

    long dueAt(long frame) {
        return startNanos + frame * FRAME_NANOS;
    }

    /** The last frame due by {@code now}: -1 before the start, never beyond the last frame. */
    long lastDue(long now) {
        return Math.min(framesDueBy(now) - 1, frames - 1L);
    }

    /**
     * The timeline to go on with when {@code next} is the first frame not yet sent: this one, unless more than
     * {@link #MAX_BURST} frames are late, then one shifted so that just that many are.
     */
    FrameTimeline catchUp(long next, long now) {
        long late = framesDueBy(now) - next;
        if (late <= MAX_BURST) {
            return this;
        }
        return new FrameTimeline(startNanos + (late - MAX_BURST) * FRAME_NANOS, frames);
    }

    /** When the caller has heard the whole playback. */
    long playedOutAt() {
        return dueAt(frames) + PLAYOUT_TAIL_NANOS;
    }

    private long framesDueBy(long now) {
        return now < startNanos ? 0 : (now - startNanos) / FRAME_NANOS + 1;
    }
}
