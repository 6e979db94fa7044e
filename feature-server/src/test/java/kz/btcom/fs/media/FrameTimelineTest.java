package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pacing arithmetic: every frame's time comes from the start, and a stall is not paid back in a burst. */
class FrameTimelineTest {

    private static final long MS = 1_000_000;
    private static final long START = 7_000 * MS;
    private final FrameTimeline timeline = new FrameTimeline(START, 50);

    @Test
    void frameNIsDueNTimesTwentyMillisecondsAfterTheStart() {
        assertEquals(START, timeline.dueAt(0));
        assertEquals(START + 980 * MS, timeline.dueAt(49));
    }

    @Test
    void aLateTimerDoesNotShiftTheFramesAfterIt() {
        // Frame 1 was due at 20 ms; its timer fired at 27 ms. Frame 2 is still due at 40 ms, not 47.
        assertEquals(1, timeline.lastDue(START + 27 * MS));
        assertEquals(START + 40 * MS, timeline.dueAt(2));
    }

    @Test
    void nothingIsDueBeforeTheStartAndNothingAfterTheLastFrame() {
        assertEquals(-1, timeline.lastDue(START - 1));
        assertEquals(0, timeline.lastDue(START));
        assertEquals(0, timeline.lastDue(START + 19 * MS));
        assertEquals(49, timeline.lastDue(START + 60_000 * MS));
    }

    @Test
    void aShortDelayIsCaughtUpInABurst() {
        // Frames 1 and 2 are late (now 45 ms): both go now, the timeline stays.
        assertEquals(timeline, timeline.catchUp(1, START + 45 * MS));
    }

    @Test
    void afterALongStallTheRestOfThePromptMovesLaterAndNothingIsLost() {
        // A 1 s pause after frame 0: frames 1..50 are due, but only 3 go now; the rest keep their 20 ms spacing.
        long now = START + 1000 * MS;
        FrameTimeline shifted = timeline.catchUp(1, now);

        assertEquals(FrameTimeline.MAX_BURST, shifted.lastDue(now), "frames 1, 2 and 3 go now");
        assertEquals(now, shifted.dueAt(3), "frame 3 is due now, so frame 0 was due 60 ms ago");
        assertEquals(shifted.dueAt(3) + 20 * MS, shifted.dueAt(4));
        assertEquals(shifted.dueAt(50) + FrameTimeline.PLAYOUT_TAIL_NANOS, shifted.playedOutAt(), "ends later");
    }

    @Test
    void aStallLongerThanWhatIsLeftStillSendsOnlyABurst() {
        FrameTimeline nearTheEnd = timeline.catchUp(45, START + 60_000 * MS);

        assertEquals(45 + FrameTimeline.MAX_BURST - 1, nearTheEnd.lastDue(START + 60_000 * MS));
    }

    @Test
    void thePromptIsOverWhenItsLastFrameHasPlayedOut() {
        assertEquals(START + 1000 * MS + FrameTimeline.PLAYOUT_TAIL_NANOS, timeline.playedOutAt());
    }
}
