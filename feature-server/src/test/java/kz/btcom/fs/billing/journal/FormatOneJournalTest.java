package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.BarringRejection;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.billing.rating.CallRater;
import kz.btcom.fs.billing.rating.TestTariffs;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A journal written by the release before issue 11 (format 1: no pass, no icid) is read by this one: the data
 * directory of a running server spans the upgrade, and the export and GET /calls read it all. The fixture in
 * {@code src/test/resources/.../journal/format-1} is what that release wrote for {@link SampleEvents#everyType()}
 * of its time (commit 7d778eb, on 2026-11-25), its files cut after their last written byte ({@link JournalFixture}).
 */
class FormatOneJournalTest {

    private static final Instant T0 = Instant.parse("2026-11-25T13:24:58.123Z");

    @TempDir
    Path dataDir;

    @Test
    void everyEntryOfTheFirstFormatIsReadAsTheSinglePassItWasWithoutIcid() throws Exception {
        assertEquals(List.of(
                new CallAttempt("c1@fs", T0, "+77172123456", "+77272777888", NumberClass.NATIONAL, "+77172123456",
                        Pass.BOTH, null),
                new CallAttempt("c2@fs", T0, "anonymous", "999", null, "anonymous", Pass.BOTH, null),
                new CallAlerting("c1@fs", T0.plusMillis(1)),
                new CallAnswer("c1@fs", T0.plusMillis(2)),
                new CallForwarding("c1@fs", T0.plusMillis(3), "+77272777888", "+77011234567", NumberClass.MOBILE,
                        DiversionReason.NO_REPLY, "+77272777888"),
                new CallForwarding("c3@fs", T0.plusMillis(3), "+77272777888", "0123", null,
                        DiversionReason.UNCONDITIONAL, "+77272777888"),
                new FeatureCodeUse("c4@fs", T0.plusMillis(4), "+77172123456", "forwardUnconditional.activate", true),
                new FeatureCodeUse("c5@fs", T0.plusMillis(5), "+77172123456", "barring.deactivate", false),
                new BarringRejection("c6@fs", T0.plusMillis(6), "+77172123456", "+4930123456",
                        NumberClass.INTERNATIONAL, "barring level 2"),
                new BarringRejection("c7@fs", T0.plusMillis(7), "+77172123456", "12345", null, "suspended"),
                new MaliciousCallIdentification("c10@core", T0.plusMillis(8), "+77272777888", "+77172123456", true,
                        "trunkGroup", "tg-astana-1"),
                forwardedTwice(),
                new CallRelease("c8@fs", T0.plusSeconds(9), "anonymous", "+77272777888", null, T0, null, 487,
                        Party.CALLER, List.of(), Pass.BOTH, null),
                new CallRelease("c9@fs", T0.plusSeconds(9), "+77172123456", "+77272777888", NumberClass.LOCAL, T0,
                        null, 486, Party.SERVER,
                        List.of(new ForwardedLeg("+77272777888", "0123", null, DiversionReason.BUSY)), Pass.BOTH,
                        null)),
                readFixture());
    }

    @Test
    void aReleaseOfTheFirstFormatIsRatedAsItWasThen() throws Exception {
        CallRelease release = (CallRelease) readFixture().get(11);

        List<CallRecord> records = new CallRater(TestTariffs.FIXED).rate(release);

        assertEquals(List.of("+77172123456", "+77272777888", "+77011234560"),
                records.stream().map(CallRecord::chargedParty).toList(), "the caller, then each who forwarded");
        assertEquals(List.of("21.00", "24.50", "24.50"), records.stream().map(r -> r.cost().toPlainString()).toList(),
                "61 s: 7 blocks of 10 s, national zone 2 at 3.00, mobile at 3.50");
        records.forEach(r -> assertEquals(null, r.icid()));
    }

    /** SampleEvents.release("c1@fs", 61_000, true, 2) as it was: answered, two legs, released by the callee. */
    private static CallRelease forwardedTwice() {
        Instant answer = T0.plusSeconds(1);
        return new CallRelease("c1@fs", answer.plusMillis(61_000), "+77172123456", "+77272777888",
                NumberClass.NATIONAL, T0, answer, 200, Party.CALLEE, List.of(
                new ForwardedLeg("+77272777888", "+77011234560", NumberClass.MOBILE, DiversionReason.NO_REPLY),
                new ForwardedLeg("+77011234560", "+77011234561", NumberClass.MOBILE, DiversionReason.BUSY)),
                Pass.BOTH, null);
    }

    private List<JournalEvent> readFixture() throws IOException {
        return JournalFixture.read("format-1", dataDir, "20261125F.cq4");
    }
}
