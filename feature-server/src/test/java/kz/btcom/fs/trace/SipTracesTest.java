package kz.btcom.fs.trace;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.FakeScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static kz.btcom.fs.trace.SipTexts.invite;
import static kz.btcom.fs.trace.SipTexts.later;
import static kz.btcom.fs.trace.SipTexts.sip;
import static kz.btcom.fs.trace.SipTexts.tel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which messages a capture takes, how it ends, and what it leaves on disk; time is a fake clock. */
class SipTracesTest {

    private static final String TRACED = "+77272345678";
    private static final String ALMATY_CALLER = "+77272777000";
    private static final String OTHER = "+77272999999";
    private static final Principal TECHNICIAN = new Principal("5ab0c1d2", Role.TECHNICIAN);
    private static final Pattern CALL_ID = Pattern.compile("Call-ID: (\\S+)");

    @TempDir
    Path dataDir;

    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");
    private final FakeScheduler scheduler = new FakeScheduler(clock);
    private SipTraces traces;

    @AfterEach
    void close() {
        if (traces != null) {
            traces.close();
        }
    }

    private SipTraces open(TraceLimits limits) throws Exception {
        traces = SipTraces.open(dataDir, NumberingPlan.builtIn(), clock, scheduler, limits);
        return traces;
    }

    private SipTraces open() throws Exception {
        return open(TraceLimits.DEFAULTS);
    }

    /** The Call-IDs of the capture's messages, in order. */
    private List<String> callIds(String id) throws Exception {
        return PcapReader.read(traces.contents(id).orElseThrow()).packets().stream()
                .map(packet -> {
                    Matcher m = CALL_ID.matcher(packet.text());
                    return m.find() ? m.group(1) : "?";
                })
                .toList();
    }

    @Test
    void withNoCaptureTheTapIsInactiveAndCopiesNothing() throws Exception {
        open();

        assertFalse(traces.active());
        traces.onMessage(invite("a@core", tel(ALMATY_CALLER), tel(TRACED)));
        assertEquals(List.of(), traces.list());
    }

    @Test
    void aCaptureTakesTheNumbersCallsAndNeverAnotherNumbers() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);
        assertTrue(traces.active());

        traces.onMessage(invite("to-traced@core", tel(ALMATY_CALLER), tel(TRACED)));
        traces.onMessage(invite("other@core", tel(ALMATY_CALLER), tel(OTHER)));
        traces.onMessage(later("to-traced@core", "to-traced@core", 180));
        traces.onMessage(later("other@core", "other@core", 180));
        traces.onMessage(invite("from-traced@core", tel(TRACED), tel(OTHER)));
        traces.onMessage(later("other@core", "other@core", 200));
        traces.onMessage(later("from-traced@core", "from-traced@core", 200));

        assertEquals(List.of("to-traced@core", "to-traced@core", "from-traced@core", "from-traced@core"),
                callIds(capture.id()));
        assertEquals(4, traces.find(capture.id()).orElseThrow().messages());
    }

    @Test
    void bothLegsOfACallAreTakenByItsCallKey() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);

        traces.onMessage(invite("in@core", tel(ALMATY_CALLER), tel(TRACED)));
        // The onward leg has the server's own Call-ID, and the incoming leg's as its key.
        traces.onMessage(new CapturedSipMessage(SipTexts.AT, "udp", SipTexts.SERVER, SipTexts.CORE, "in@core", true,
                List.of(tel(TRACED), tel(ALMATY_CALLER), tel(TRACED)), SipTexts.request("INVITE",
                "tel:" + TRACED, "tel:" + ALMATY_CALLER, "tel:" + TRACED, "out-1@fs", 1)));
        traces.onMessage(later("in@core", "out-1@fs", 200));
        traces.onMessage(later("in@core", "in@core", 200));

        assertEquals(List.of("in@core", "out-1@fs", "out-1@fs", "in@core"), callIds(capture.id()));
    }

    @Test
    void theNumberIsRecognisedNationallyLocallyFromItsAreaAndWithAPhoneContext() throws Exception {
        open();
        CaptureInfo capture = traces.start("87272345678", 60, TECHNICIAN);

        traces.onMessage(invite("national@core", tel(ALMATY_CALLER), sip("87272345678")));
        traces.onMessage(invite("without-plus@core", tel(ALMATY_CALLER), sip("77272345678")));
        traces.onMessage(invite("local-in-almaty@core", tel(ALMATY_CALLER), sip("2345678")));
        traces.onMessage(invite("phone-context@core", SipTexts.sip("anonymous"), new SipIdentity(
                "tel:234-5678;phone-context=+7727", "234-5678", "", "", SipIdentity.Kind.TEL, "+7727")));

        assertEquals(List.of("national@core", "without-plus@core", "local-in-almaty@core", "phone-context@core"),
                callIds(capture.id()));
        assertEquals(TRACED, capture.number());
    }

    @Test
    void localDigitsThatMayBeAnotherAreasNumberAreNotTaken() throws Exception {
        open();
        // +7 7172 234567 is Astana's; 234567 dialled in Almaty is not a number, nor is 2345678 in Astana.
        CaptureInfo astana = traces.start("+77172234567", 60, TECHNICIAN);
        CaptureInfo almaty = traces.start(TRACED, 60, TECHNICIAN);

        traces.onMessage(invite("astana-caller@core", tel("+77172554433"), sip("2345678")));
        traces.onMessage(invite("nobody-says-where@core", SipTexts.sip("anonymous"), sip("2345678")));
        traces.onMessage(invite("almaty-caller@core", tel(ALMATY_CALLER), sip("234567")));
        traces.onMessage(invite("a-longer-number@core", tel(ALMATY_CALLER), sip("7272345678")));
        traces.onMessage(invite("a-name@core", tel(ALMATY_CALLER), sip("alice")));

        assertEquals(List.of(), callIds(astana.id()));
        assertEquals(List.of(), callIds(almaty.id()));
    }

    @Test
    void aCallForwardedToTheNumberIsTakenFromTheMomentAServiceInvolvesIt() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);

        traces.onMessage(invite("forwarded@core", tel(ALMATY_CALLER), tel(OTHER)));
        traces.onMessage(later("forwarded@core", "forwarded@core", 180));
        traces.involve("forwarded@core", "77272345678");
        traces.involve("not-this@core", OTHER);
        traces.onMessage(later("forwarded@core", "forwarded@core", 200));
        traces.onMessage(later("not-this@core", "not-this@core", 200));

        assertEquals(List.of("forwarded@core"), callIds(capture.id()));
    }

    @Test
    void aCaptureEndsAfterItsSecondsAndKeepsWhatItTook() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 10, TECHNICIAN);
        assertEquals(clock.instant().plusSeconds(10), capture.endsAt());
        traces.onMessage(invite("call@core", tel(ALMATY_CALLER), tel(TRACED)));

        scheduler.advance(Duration.ofSeconds(9));
        assertTrue(traces.active());
        traces.onMessage(later("call@core", "call@core", 180));
        scheduler.advance(Duration.ofSeconds(1));

        assertFalse(traces.active());
        traces.onMessage(later("call@core", "call@core", 200));
        traces.onMessage(invite("next@core", tel(ALMATY_CALLER), tel(TRACED)));
        assertEquals(List.of("call@core", "call@core"), callIds(capture.id()));
        CaptureInfo ended = traces.find(capture.id()).orElseThrow();
        assertFalse(ended.running());
        assertEquals(2, ended.messages());
        assertEquals(Files.size(dataDir.resolve("traces").resolve(capture.id() + ".pcap")), ended.bytes());
    }

    @Test
    void secondsAreOneToThreeThousandSixHundredAndTheNumberMustBeFull() throws Exception {
        open();

        assertThrows(IllegalArgumentException.class, () -> traces.start(TRACED, 0, TECHNICIAN));
        assertThrows(IllegalArgumentException.class, () -> traces.start(TRACED, 3601, TECHNICIAN));
        assertThrows(IllegalArgumentException.class, () -> traces.start("2345678", 60, TECHNICIAN));
        assertEquals(3600, traces.start(TRACED, 3600, TECHNICIAN).seconds());
    }

    @Test
    void noMoreCapturesRunAtOnceThanTheLimit() throws Exception {
        open(new TraceLimits(2, TraceLimits.DEFAULTS.maxBytesPerCapture(), 16));
        traces.start(TRACED, 10, TECHNICIAN);
        traces.start(TRACED, 20, TECHNICIAN);

        assertThrows(CapturesBusyException.class, () -> traces.start(OTHER, 60, TECHNICIAN));
        scheduler.advance(Duration.ofSeconds(10));
        traces.start(OTHER, 60, TECHNICIAN);
    }

    @Test
    void aCaptureStopsGrowingAtItsBoundAndCountsWhatItDropped() throws Exception {
        CapturedSipMessage first = invite("call@core", tel(ALMATY_CALLER), tel(TRACED));
        long oneMessage = PcapWriter.FILE_HEADER_BYTES + new PcapWriter().records(first.time(), false,
                first.source(), first.destination(), first.bytes()).length;
        open(new TraceLimits(4, oneMessage, 16));
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);

        traces.onMessage(first);
        traces.onMessage(later("call@core", "call@core", 180));
        traces.onMessage(later("call@core", "call@core", 200));

        assertEquals(List.of("call@core"), callIds(capture.id()));
        CaptureInfo full = traces.find(capture.id()).orElseThrow();
        assertTrue(full.truncated());
        assertEquals(2, full.dropped());
        assertEquals(oneMessage, full.bytes());
    }

    @Test
    void aCaptureSurvivesARestartAndGoesOnUntilItsTimeIsUp() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);
        traces.onMessage(invite("before@core", tel(ALMATY_CALLER), tel(TRACED)));
        traces.close();

        clock.advance(Duration.ofSeconds(30));
        open();
        assertTrue(traces.active(), "30 s are left");
        assertEquals(1, traces.find(capture.id()).orElseThrow().messages());
        traces.onMessage(invite("after@core", tel(ALMATY_CALLER), tel(TRACED)));
        scheduler.advance(Duration.ofSeconds(30));

        assertFalse(traces.active());
        assertEquals(List.of("before@core", "after@core"), callIds(capture.id()));
        traces.close();
        clock.advance(Duration.ofHours(1));
        open();
        assertFalse(traces.active());
        assertEquals(List.of(capture.id()), traces.list().stream().map(CaptureInfo::id).toList());
        assertEquals(2, traces.list().get(0).messages());
        assertEquals(TECHNICIAN.tokenId(), traces.list().get(0).startedBy());
    }

    @Test
    void afterACrashTheFileIsCountedAgainAndAHalfWrittenRecordIsCutOff() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);
        traces.onMessage(invite("call@core", tel(ALMATY_CALLER), tel(TRACED)));
        traces.onMessage(later("call@core", "call@core", 180));
        traces.contents(capture.id()); // written
        Path pcap = dataDir.resolve("traces").resolve(capture.id() + ".pcap");
        long whole = Files.size(pcap);
        // Killed: the sidecar still says what it said at the start, and the last record is half there.
        Files.write(pcap, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, java.nio.file.StandardOpenOption.APPEND);
        traces = null; // never closed, like a kill -9 (its writer thread is a daemon)

        clock.advance(Duration.ofMinutes(5));
        open();

        CaptureInfo found = traces.find(capture.id()).orElseThrow();
        assertEquals(2, found.messages());
        assertEquals(whole, found.bytes());
        assertEquals(whole, Files.size(pcap));
        assertEquals(List.of("call@core", "call@core"), callIds(capture.id()));
    }

    @Test
    void aDiscardedCaptureLeavesNothingBehind() throws Exception {
        open();
        CaptureInfo capture = traces.start(TRACED, 60, TECHNICIAN);

        traces.discard(capture.id());

        assertFalse(traces.active());
        assertTrue(traces.find(capture.id()).isEmpty());
        traces.close();
        traces = null;
        try (var files = Files.list(dataDir.resolve("traces"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void anUnknownCaptureHasNoContents() throws Exception {
        open();

        assertTrue(traces.contents("0123456789abcdef0123456789abcdef").isEmpty());
        assertTrue(traces.find("../../etc/passwd").isEmpty());
    }
}
