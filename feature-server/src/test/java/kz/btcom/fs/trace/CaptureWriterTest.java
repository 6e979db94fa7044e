package kz.btcom.fs.trace;

import kz.btcom.fs.numbering.NumberingPlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call path never waits for the writer: a full queue refuses the message at once. */
class CaptureWriterTest {

    @Test
    void aFullQueueRefusesMessagesWithoutWaitingAndTakesTasksStill() throws Exception {
        CaptureWriter writer = new CaptureWriter(2);
        SipCapture capture = new SipCapture(new CaptureInfo("0123456789abcdef0123456789abcdef", "+77272345678", 60,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(60), "t", 0, 24, 0, false, false),
                new TracedNumber(NumberingPlan.builtIn(), "+77272345678"), Path.of("unused.pcap"));
        CountDownLatch release = new CountDownLatch(1);
        writer.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertTrue(writer.offer(capture, SipTexts.later("k", "k", 180)));
        assertTrue(writer.offer(capture, SipTexts.later("k", "k", 180)));
        assertFalse(writer.offer(capture, SipTexts.later("k", "k", 180)), "the third waits for nobody");

        CountDownLatch ran = new CountDownLatch(1);
        writer.execute(ran::countDown);
        release.countDown();
        assertTrue(writer.sync(Duration.ofSeconds(10)));
        assertTrue(ran.getCount() == 0);
        assertTrue(writer.offer(capture, SipTexts.later("k", "k", 180)), "room again once written");
        writer.close();
    }
}
