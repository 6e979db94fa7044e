package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rate of new calls let in follows the queueing delay: on a fake clock, offers at 2,000 calls/s to a server whose
 * queue is too long while more than 800 calls/s come in (a queue model, not a measurement).
 */
class CongestionTest {

    private final AtomicLong now = new AtomicLong();
    private final Congestion congestion = new Congestion(now::get, 100);

    /** Offers {@code seconds} of calls at {@code offered}/s; the delay is what {@code capacity} calls/s can take. */
    private int offer(int offered, double seconds, double capacity) {
        int admitted = 0;
        double backlogSeconds = 0;
        long step = 1_000_000_000L / offered;
        for (int i = 0; i < offered * seconds; i++) {
            now.addAndGet(step);
            backlogSeconds = Math.max(0, backlogSeconds - step / 1e9);
            if (congestion.admits((long) (backlogSeconds * 1000))) {
                admitted++;
                backlogSeconds += 1 / capacity; // each call admitted is that much work
            }
        }
        return admitted;
    }

    @Test
    void uncongestedEveryCallIsLetIn() {
        assertEquals(3_000, offer(1_000, 3, 2_000));
        assertEquals(Congestion.UNLIMITED, congestion.rate());
    }

    @Test
    void atTwiceWhatTheServerTakesAboutWhatItTakesIsLetInNotAllAndNotNothing() {
        offer(2_000, 2, 800); // finding the rate
        int admitted = offer(2_000, 10, 800);
        double perSecond = admitted / 10.0;
        System.out.println("congestion model: let in " + perSecond + " calls/s of 800");
        assertTrue(perSecond > 0.8 * 800 && perSecond <= 800 * 1.05, "let in " + perSecond + " calls/s of 800");
    }

    @Test
    void whenTheLoadGoesTheRateGrowsOutOfTheWay() {
        offer(2_000, 5, 800);
        assertTrue(congestion.rate() < 1_000, "rate " + congestion.rate());
        offer(500, 30, 800);
        assertEquals(Congestion.UNLIMITED, congestion.rate());
    }

    /** A stall (a cold JIT, a GC pause) cuts the rate to a trickle; it is found again within a second or two. */
    @Test
    void afterAStallTheRateIsFoundAgainWithinTwoSeconds() {
        for (int i = 0; i < 6_000; i++) { // three seconds in which every message waits 200 ms
            now.addAndGet(500_000);
            congestion.admits(200);
        }
        assertTrue(congestion.rate() < 400, "rate after the stall " + congestion.rate());
        offer(2_000, 1.5, 800);
        int admitted = offer(2_000, 1, 800);
        System.out.println("congestion model: " + admitted + " calls/s let in 1.5 s after a stall");
        assertTrue(admitted > 0.7 * 800, admitted + " calls/s let in 1.5 s after the stall");
    }

    /** A GC pause at a rate the server takes easily used to cost no call, and must not now. */
    @Test
    void oneLongWaitAtAnEasyRateRefusesNoCall() {
        assertEquals(500, offer(100, 5, 2_000));
        now.addAndGet(10_000_000);
        assertTrue(congestion.admits(180), "the call that waited out the pause");
        assertEquals(500, offer(100, 5, 2_000));
    }
}
