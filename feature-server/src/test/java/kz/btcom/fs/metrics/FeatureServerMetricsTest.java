package kz.btcom.fs.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.call.CallOutcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metric names are an interface: the load test greps these exact lines. */
class FeatureServerMetricsTest {

    private final AtomicInteger callsInProgress = new AtomicInteger();
    private final FeatureServerMetrics metrics = new FeatureServerMetrics(callsInProgress::get);

    private String scrape() throws IOException {
        return scrape(metrics);
    }

    private static String scrape(FeatureServerMetrics of) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, of.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void callsInProgressIsReadFromTheSipServerAtEachScrape() throws IOException {
        callsInProgress.set(42);
        assertTrue(scrape().contains("\nfs_calls_in_progress 42.0\n"));

        callsInProgress.set(7);
        assertTrue(scrape().contains("\nfs_calls_in_progress 7.0\n"));
    }

    @Test
    void everyOutcomeIsCountedUnderItsLowerCaseNameFromZero() throws IOException {
        String text = scrape();

        for (CallOutcome outcome : CallOutcome.values()) {
            String line = "fs_calls_total{outcome=\"" + outcome.name().toLowerCase() + "\"} 0.0\n";
            assertTrue(text.contains(line), line);
        }
    }

    @Test
    void wakeUpAttemptsCountUnderTheirOutcomeFromZeroAndTheBookingsDueAreReadAtEachScrape() throws IOException {
        java.util.concurrent.atomic.AtomicInteger due = new java.util.concurrent.atomic.AtomicInteger(300);
        metrics.watchWakeUps(due::get, () -> 4);
        metrics.wakeUpCall(kz.btcom.fs.billing.JournalEvent.WakeUpOutcome.BUSY);
        metrics.wakeUpCall(kz.btcom.fs.billing.JournalEvent.WakeUpOutcome.ANSWERED);
        metrics.wakeUpCall(kz.btcom.fs.billing.JournalEvent.WakeUpOutcome.ANSWERED);

        String text = scrape();
        assertTrue(text.contains("fs_wakeup_calls_total{outcome=\"answered\"} 2.0\n"), text);
        assertTrue(text.contains("fs_wakeup_calls_total{outcome=\"busy\"} 1.0\n"), text);
        for (String outcome : new String[] {"no_answer", "unreachable", "missed", "skipped"}) {
            assertTrue(text.contains("fs_wakeup_calls_total{outcome=\"" + outcome + "\"} 0.0\n"), outcome);
        }
        assertTrue(text.contains("\nfs_wakeup_bookings_due_next_hour 300.0\n"), text);
        assertTrue(text.contains("\nfs_wakeup_calls_in_progress 4.0\n"), text);
        due.set(0);
        assertTrue(scrape().contains("\nfs_wakeup_bookings_due_next_hour 0.0\n"));
    }

    @Test
    void conferencesAreReadAtEachScrapeAndEachMixingTicksLatenessIsObserved() throws IOException {
        java.util.concurrent.atomic.AtomicInteger conferences = new java.util.concurrent.atomic.AtomicInteger(3);
        metrics.watchConferences(conferences::get);
        metrics.mixerTickLateness(300_000); // 0.3 ms
        metrics.mixerTickLateness(7_000_000); // 7 ms

        String text = scrape();
        assertTrue(text.contains("\nfs_conferences_in_progress 3.0\n"), text);
        assertTrue(text.contains("fs_mixer_tick_lateness_seconds_count 2\n"), text);
        assertTrue(text.contains("fs_mixer_tick_lateness_seconds_bucket{le=\"5.0E-4\"} 1\n"), text);
        assertTrue(text.contains("fs_mixer_tick_lateness_seconds_bucket{le=\"0.01\"} 2\n"), text);
        conferences.set(0);
        assertTrue(scrape().contains("\nfs_conferences_in_progress 0.0\n"));
    }

    @Test
    void callsPerSecondAreTheNewCallsOfTheLastWholeSecondAndTheQueuesAreReadAtEachScrape() throws IOException {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(5_000_000_000L);
        FeatureServerMetrics counted = new FeatureServerMetrics(() -> 0, nanos::get);
        counted.watchQueues(() -> 40, () -> 250);
        for (int i = 0; i < 3; i++) {
            counted.inviteHandled(1_000_000);
        }
        assertTrue(scrape(counted).contains("\nfs_calls_per_second 0.0\n"), "the second is not over");
        nanos.addAndGet(1_000_000_000L);
        counted.inviteHandled(1_000_000);

        String text = scrape(counted);
        assertTrue(text.contains("\nfs_calls_per_second 3.0\n"), text);
        assertTrue(text.contains("\nfs_sip_lane_queueing_seconds 0.04\n"), text);
        assertTrue(text.contains("\nfs_sip_receive_queueing_seconds 0.25\n"), text);
        nanos.addAndGet(5_000_000_000L);
        assertTrue(scrape(counted).contains("\nfs_calls_per_second 0.0\n"), "nothing came for seconds");
    }

    @Test
    void theJvmsHeapGcAndThreadsAreShownToo() throws IOException {
        String text = scrape();

        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        assertTrue(text.contains("jvm_gc_collection_seconds_count{"), text);
        assertTrue(text.contains("jvm_threads_current "), text);
        assertTrue(text.contains("process_cpu_seconds_total "), text);
    }

    @Test
    void anEndedCallCountsUnderItsOutcome() throws IOException {
        metrics.callEnded(CallOutcome.ANSWERED_LOCALLY);
        metrics.callEnded(CallOutcome.ANSWERED_LOCALLY);
        metrics.callEnded(CallOutcome.TIMED_OUT);

        String text = scrape();
        assertTrue(text.contains("fs_calls_total{outcome=\"answered_locally\"} 2.0\n"));
        assertTrue(text.contains("fs_calls_total{outcome=\"timed_out\"} 1.0\n"));
        assertTrue(text.contains("fs_calls_total{outcome=\"answered\"} 0.0\n"));
    }

    @Test
    void aCallTheCoreSentThroughTwiceCountsOnceAsACallAndOnceAsATerminatingPass() throws IOException {
        metrics.callEnded(CallOutcome.ANSWERED);             // its originating pass
        metrics.terminatingPassEnded(CallOutcome.ANSWERED);  // its terminating pass

        String text = scrape();
        assertTrue(text.contains("fs_calls_total{outcome=\"answered\"} 1.0\n"), text);
        assertTrue(text.contains("fs_terminating_passes_total{outcome=\"answered\"} 1.0\n"), text);
        for (CallOutcome outcome : CallOutcome.values()) {
            assertTrue(text.contains("fs_terminating_passes_total{outcome=\"" + outcome.name().toLowerCase()
                    + "\"}"), outcome.name());
        }
    }

    @Test
    void inviteHandlingTimesFallIntoBucketsFrom100MicrosecondsToOneSecond() throws IOException {
        metrics.inviteHandled(80_000);        // 80 µs
        metrics.inviteHandled(3_000_000);     // 3 ms
        metrics.inviteHandled(2_000_000_000); // 2 s

        String text = scrape();
        assertTrue(text.contains("fs_invite_handling_seconds_bucket{le=\"1.0E-4\"} 1\n"), text);
        assertTrue(text.contains("fs_invite_handling_seconds_bucket{le=\"0.0025\"} 1\n"), text);
        assertTrue(text.contains("fs_invite_handling_seconds_bucket{le=\"0.005\"} 2\n"), text);
        assertTrue(text.contains("fs_invite_handling_seconds_bucket{le=\"1.0\"} 2\n"), text);
        assertTrue(text.contains("fs_invite_handling_seconds_bucket{le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("fs_invite_handling_seconds_count 3\n"), text);
        assertEquals(14, text.lines().filter(l -> l.startsWith("fs_invite_handling_seconds_bucket")).count());
    }

    @Test
    void overloadRejectionsAreCounted() throws IOException {
        metrics.overloadRejected();
        metrics.overloadRejected();

        assertTrue(scrape().contains("\nfs_overload_rejections_total 2.0\n"));
    }

    @Test
    void untrustedRequestsAreCountedFromZero() throws IOException {
        assertTrue(scrape().contains("\nfs_untrusted_requests_total 0.0\n"));
        metrics.untrustedRequest();
        metrics.untrustedRequest();
        metrics.untrustedRequest();

        assertTrue(scrape().contains("\nfs_untrusted_requests_total 3.0\n"));
    }

    @Test
    void theMetricsHaveARegistryOfTheirOwn() throws IOException {
        assertNotSame(PrometheusRegistry.defaultRegistry, metrics.registry());
        FeatureServerMetrics another = new FeatureServerMetrics(() -> 0);
        another.untrustedRequest();
        assertTrue(scrape().contains("\nfs_untrusted_requests_total 0.0\n"), "another server's counts are its own");
    }

    @Test
    void countsFromSeveralThreadsAtOnceAreAllKept() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    metrics.callEnded(CallOutcome.ANSWERED);
                    metrics.inviteHandled(500_000);
                }
            });
        }
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));

        String text = scrape();
        assertTrue(text.contains("fs_calls_total{outcome=\"answered\"} 40000.0\n"));
        assertTrue(text.contains("fs_invite_handling_seconds_count 40000\n"));
    }
}
