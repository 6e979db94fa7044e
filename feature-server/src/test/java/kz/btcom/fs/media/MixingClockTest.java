package kz.btcom.fs.media;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixing clock on a fake ticker and a fake timer: the test decides when each scheduled run happens and checks
 * which ticks were mixed, with which due times, and what lateness was reported.
 */
class MixingClockTest {

    private static final long MS = 1_000_000L;
    private static final long START = 5_000 * MS;

    private long now = START;
    private Runnable scheduled;
    private long scheduledDelay;
    private CompletableFuture<Void> scheduledFuture;
    private final List<Long> lateness = new ArrayList<>();
    private final List<Long> mixedDueTimes = new ArrayList<>();
    private MixingClock clock;
    private RoomMix room;

    @BeforeEach
    void openOneRoom() {
        clock = new MixingClock((task, delay) -> {
            scheduled = task;
            scheduledDelay = delay;
            scheduledFuture = new CompletableFuture<>();
            return scheduledFuture;
        }, () -> now, lateness::add);
        room = new RoomMix();
        RoomMix.Voice listener = room.join((payload, type, due) -> mixedDueTimes.add(due - START));
        listener.configure(Codec.PCMA, 8, false, true);
        clock.add(room);
    }

    @Test
    void ticksAreDueEveryTwentyMillisecondsFromTheStartWhateverTheLatenessOfEachRun() {
        assertEquals(0, scheduledDelay, "the first tick is due at once");
        runAt(START);
        assertEquals(20 * MS, scheduledDelay);

        runAt(START + 23 * MS); // 3 ms late
        assertEquals(17 * MS, scheduledDelay, "the next is due at 40 ms, not 23 + 20");
        runAt(START + 41 * MS);
        runAt(START + 60 * MS);

        assertEquals(List.of(0L, 20 * MS, 40 * MS, 60 * MS), mixedDueTimes);
        assertEquals(List.of(0L, 3 * MS, MS, 0L), lateness);
    }

    @Test
    void aLateRunMixesTheTicksItMissedBackToBack() {
        runAt(START);

        runAt(START + 65 * MS);

        assertEquals(List.of(0L, 20 * MS, 40 * MS, 60 * MS), mixedDueTimes);
        assertEquals(45 * MS, lateness.get(1), "measured from the oldest tick it had to mix");
        assertEquals(15 * MS, scheduledDelay);
    }

    @Test
    void afterALongStallOnlyTheLastFewTicksAreMixedAndTheOthersSkipped() {
        runAt(START);

        runAt(START + 205 * MS); // ticks 1 to 10 are due

        assertEquals(List.of(0L, 160 * MS, 180 * MS, 200 * MS), mixedDueTimes,
                "ticks 1-7 skipped: live audio that late only floods the phones' buffers");
        runAt(START + 220 * MS);
        assertEquals(220 * MS, mixedDueTimes.get(mixedDueTimes.size() - 1), "back on the original timeline");
    }

    @Test
    void theClockStopsWhenTheLastRoomLeavesAndRestartsFromANewStart() {
        runAt(START);
        CompletableFuture<Void> pending = scheduledFuture;

        clock.remove(room);

        assertTrue(pending.isCancelled());
        scheduled = null;
        now = START + 1_000 * MS;
        clock.add(room);
        assertEquals(0, scheduledDelay);
        runAt(now);
        assertEquals(1_000 * MS, mixedDueTimes.get(mixedDueTimes.size() - 1));
    }

    @Test
    void aRunThatFindsNoRoomDoesNothing() {
        Runnable first = scheduled;
        clock.remove(room);
        scheduled = null;

        now = START + 5 * MS;
        first.run();

        assertTrue(mixedDueTimes.isEmpty());
        assertTrue(lateness.isEmpty());
        assertNull(scheduled, "nothing more scheduled");
    }

    private void runAt(long at) {
        now = at;
        Runnable task = scheduled;
        scheduled = null;
        task.run();
    }
}
