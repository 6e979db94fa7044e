package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rated costs against a hand-computed table, with the prices of tariffs-for-tests.yaml (VAT 12 %): national zone 1
 * 2.00 and zone 2 3.00, mobile 3.50 per started 10 s; local 1.00, information 25.00, Russia 30.00, Germany 75.00,
 * Turkey 70.45, rest of world 150.00 per started minute.
 */
class CallRaterTest {

    private static final Instant START = Instant.parse("2026-11-05T08:00:00Z");
    /** Five seconds of ringing: not charged. */
    private static final Instant ANSWER = START.plusSeconds(5);
    private static final String ALMATY = "+77272777888";
    private static final String ASTANA = "+77172554433";
    private static final String ICID = "icid-1";

    private final CallRater rater = new CallRater(TestTariffs.FIXED);

    /** A call from {@code caller}, released {@code talkMs} after answer; never answered when talkMs is -1. */
    private static CallRelease release(String caller, String called, NumberClass calledClass, long talkMs,
                                       List<ForwardedLeg> legs) {
        return release(Pass.BOTH, "call-1@fs", caller, called, calledClass, talkMs, legs);
    }

    /** The same, as one pass of a call the core sent through the server (a Call-ID of its own, the call's icid). */
    private static CallRelease release(Pass pass, String callId, String caller, String called,
                                       NumberClass calledClass, long talkMs, List<ForwardedLeg> legs) {
        Instant answered = talkMs < 0 ? null : ANSWER;
        Instant end = talkMs < 0 ? START.plusSeconds(30) : ANSWER.plusMillis(talkMs);
        return new CallRelease(callId, end, caller, called, calledClass, START, answered,
                talkMs < 0 ? 487 : 200, Party.CALLER, legs, pass, ICID);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # case                              | caller | called            | class         | talk ms | billed s | tariff                          | cost   | vat
            national 61 s = 7 blocks of 10 s    | ALMATY | +77252123456      | NATIONAL      |  61000  |  70 | national zone 2                 |  21.00 |  2.52
            national zone 1 from Almaty          | ALMATY | +77282123456      | NATIONAL      |  61000  |  70 | national zone 1                 |  14.00 |  1.68
            Karaganda is zone 1 from Astana      | ASTANA | +77212410000      | NATIONAL      |  61000  |  70 | national zone 1                 |  14.00 |  1.68
            Karaganda is zone 2 from Almaty      | ALMATY | +77212410000      | NATIONAL      |  61000  |  70 | national zone 2                 |  21.00 |  2.52
            answered and released in 0 ms = 0    | ALMATY | +77252123456      | NATIONAL      |      0  |   0 | national zone 2                 |   0.00 |  0.00
            1 ms = 1 block                       | ALMATY | +77252123456      | NATIONAL      |      1  |  10 | national zone 2                 |   3.00 |  0.36
            10 s exactly = 1 block               | ALMATY | +77252123456      | NATIONAL      |  10000  |  10 | national zone 2                 |   3.00 |  0.36
            10.001 s = 2 blocks                  | ALMATY | +77252123456      | NATIONAL      |  10001  |  20 | national zone 2                 |   6.00 |  0.72
            unanswered national = 0              | ALMATY | +77252123456      | NATIONAL      |     -1  |   0 | national zone 2                 |   0.00 |  0.00
            mobile 61 s = 7 blocks               | ALMATY | +77011234567      | MOBILE        |  61000  |  70 | mobile                          |  24.50 |  2.94
            international 61 s = 2 minutes       | ALMATY | +49301234567      | INTERNATIONAL |  61000  | 120 | international 49 Germany        | 150.00 | 18.00
            international 60 s = 1 minute        | ALMATY | +49301234567      | INTERNATIONAL |  60000  |  60 | international 49 Germany        |  75.00 |  9.00
            international 1 ms = 1 minute        | ALMATY | +49301234567      | INTERNATIONAL |      1  |  60 | international 49 Germany        |  75.00 |  9.00
            Russia is +7 outside Kazakhstan      | ALMATY | +74951234567      | INTERNATIONAL | 125000  | 180 | international 7 Russia          |  90.00 | 10.80
            VAT rounds to the tiyn               | ALMATY | +902121234567     | INTERNATIONAL | 150000  | 180 | international 90 Turkey         | 211.35 | 25.36
            rest of world                        | ALMATY | +61212345678      | INTERNATIONAL |  30000  |  60 | international rest of world     | 150.00 | 18.00
            unanswered international = 0         | ALMATY | +49301234567      | INTERNATIONAL |     -1  |   0 | international 49 Germany        |   0.00 |  0.00
            local 61 s = 2 minutes               | ALMATY | +77272721122      | LOCAL         |  61000  | 120 | local                           |   2.00 |  0.24
            information 61 s = 2 minutes         | ALMATY | 118               | INFORMATION   |  61000  | 120 | information                     |  50.00 |  6.00
            emergency is free                    | ALMATY | 112               | EMERGENCY     | 600000  |   0 | emergency                       |   0.00 |  0.00
            operator service is free             | ASTANA | +77272777000      | SERVICE       | 600000  |   0 | operator service                |   0.00 |  0.00
            a feature code is free               | ALMATY | *21*+77011234567# | null          |   3000  |   0 | feature code                    |   0.00 |  0.00
            a feature code with # is free        | ALMATY | #21#              | null          |   3000  |   0 | feature code                    |   0.00 |  0.00
            a feature code with %23 is free      | ALMATY | %2321%23          | null          |   3000  |   0 | feature code                    |   0.00 |  0.00
            an unclassified number is free       | ALMATY | +7999             | null          |  61000  |   0 | unclassified                    |   0.00 |  0.00
            """)
    void eachCallIsRatedByItsClassAndTalkTime(String name, String caller, String called, NumberClass calledClass,
                                              long talkMs, long billedSeconds, String tariff, String cost,
                                              String vat) {
        String callerNumber = caller.equals("ALMATY") ? ALMATY : ASTANA;
        List<CallRecord> records = rater.rate(release(callerNumber, called, calledClass, talkMs, List.of()));

        assertEquals(1, records.size());
        CallRecord record = records.get(0);
        assertEquals(List.of(billedSeconds, tariff, new BigDecimal(cost), new BigDecimal(vat)),
                List.of(record.billedSeconds(), record.tariff(), record.cost(), record.vat()));
        assertEquals(List.of(callerNumber, callerNumber, called, "KZT"),
                List.of(record.caller(), record.chargedParty(), record.called(), record.currency()));
        assertEquals(calledClass, record.numberClass());
    }

    @Test
    void aReleaseBeforeTheAnswerOnAClockSteppedBackIsZeroBlocks() {
        CallRelease release = new CallRelease("call-1@fs", ANSWER.minusMillis(1), ALMATY, "+77252123456",
                NumberClass.NATIONAL, START, ANSWER, 200, Party.CALLER, List.of(), Pass.BOTH, ICID);
        CallRecord record = rater.rate(release).get(0);
        assertEquals(List.of(0L, "0.00"), List.of(record.billedSeconds(), record.cost().toPlainString()));
    }

    @Test
    void aForwardedCallIsOneRecordPerLegEachChargedToWhoMadeIt() {
        // Astana calls Almaty (national, zone 2 from Astana); Almaty forwards to a mobile, charged to Almaty.
        String almatyCallee = "+77272721122";
        CallRelease release = release(ASTANA, almatyCallee, NumberClass.NATIONAL, 61_000, List.of(
                new ForwardedLeg(almatyCallee, "+77011234567", NumberClass.MOBILE, DiversionReason.UNCONDITIONAL)));

        List<CallRecord> records = rater.rate(release);

        assertEquals(List.of(
                new CallRecord("call-1@fs", ASTANA, ASTANA, almatyCallee, NumberClass.NATIONAL, START, ANSWER,
                        release.at(), 70, "national zone 2", new BigDecimal("21.00"), new BigDecimal("2.52"), "KZT",
                        ICID),
                new CallRecord("call-1@fs", ASTANA, almatyCallee, "+77011234567", NumberClass.MOBILE, START, ANSWER,
                        release.at(), 70, "mobile", new BigDecimal("24.50"), new BigDecimal("2.94"), "KZT", ICID)),
                records);
    }

    @Test
    void aCallForwardedTwiceChargesEachForwarderTheirLeg() {
        // Almaty caller -> local subscriber A, who forwards to local B (no reply), who forwards abroad.
        String a = "+77272721122";
        String b = "+77272730000";
        CallRelease release = release(ALMATY, a, NumberClass.LOCAL, 61_000, List.of(
                new ForwardedLeg(a, b, NumberClass.LOCAL, DiversionReason.NO_REPLY),
                new ForwardedLeg(b, "+49301234567", NumberClass.INTERNATIONAL, DiversionReason.UNCONDITIONAL)));

        List<CallRecord> records = rater.rate(release);

        assertEquals(List.of(List.of(ALMATY, a, "local", "2.00"), List.of(a, b, "local", "2.00"),
                        List.of(b, "+49301234567", "international 49 Germany", "150.00")),
                records.stream().map(r -> List.of(r.chargedParty(), r.called(), r.tariff(), r.cost().toPlainString()))
                        .toList());
        for (CallRecord record : records) {
            assertEquals(List.of(ALMATY, START, ANSWER, release.at()),
                    List.of(record.caller(), record.start(), record.answer(), record.end()), "legs share the times");
        }
    }

    @Test
    void anUnansweredForwardedCallIsStillOneRecordPerLegAtNoCost() {
        String a = "+77272721122";
        CallRelease release = release(ALMATY, a, NumberClass.LOCAL, -1, List.of(
                new ForwardedLeg(a, "+74951234567", NumberClass.INTERNATIONAL, DiversionReason.BUSY)));

        List<CallRecord> records = rater.rate(release);

        assertEquals(2, records.size());
        for (CallRecord record : records) {
            assertEquals(List.of(false, 0L, "0.00", "0.00"), List.of(record.isAnswered(), record.billedSeconds(),
                    record.cost().toPlainString(), record.vat().toPlainString()));
        }
        assertEquals("international 7 Russia", records.get(1).tariff());
    }

    @Test
    void aForwardedLegToAnUnplaceableNumberIsUnclassifiedAndFree() {
        String a = "+77272721122";
        CallRelease release = release(ALMATY, a, NumberClass.LOCAL, 61_000, List.of(
                new ForwardedLeg(a, "+7999", null, DiversionReason.UNCONDITIONAL)));

        CallRecord leg = rater.rate(release).get(1);

        assertEquals(List.of("unclassified", "0.00"), List.of(leg.tariff(), leg.cost().toPlainString()));
    }

    // ---------------------------------------------------------------- one call, two passes (issue 11)

    /** A's local call to B, each served here: the core sent it through twice. */
    private static final String A = "+77272721122";
    private static final String B = "+77272730000";

    @Test
    void aCallTheCoreSentThroughTwiceChargesTheCallerOnceByItsOriginatingPass() {
        List<CallRecord> originating = rater.rate(release(Pass.ORIGINATING, "a-leg@core", A, B, NumberClass.LOCAL,
                61_000, List.of()));
        List<CallRecord> terminating = rater.rate(release(Pass.TERMINATING, "orig-onward@fs", A, B,
                NumberClass.LOCAL, 61_000, List.of()));

        assertEquals(List.of(List.of(A, "a-leg@core", "2.00", ICID)), originating.stream()
                .map(r -> List.of(r.chargedParty(), r.callId(), r.cost().toPlainString(), r.icid())).toList());
        assertEquals(List.of(), terminating, "the callee's pass charges nobody for the caller's leg");
    }

    @Test
    void aTerminatingPassThatForwardsChargesTheForwardingSubscriberItsLegOnly() {
        // B forwards unconditionally to a mobile: A pays A -> B (the originating pass), B pays B -> mobile.
        List<CallRecord> originating = rater.rate(release(Pass.ORIGINATING, "a-leg@core", A, B, NumberClass.LOCAL,
                61_000, List.of()));
        List<CallRecord> terminating = rater.rate(release(Pass.TERMINATING, "orig-onward@fs", A, B,
                NumberClass.LOCAL, 61_000, List.of(new ForwardedLeg(B, "+77011234567", NumberClass.MOBILE,
                        DiversionReason.UNCONDITIONAL))));

        List<CallRecord> all = new java.util.ArrayList<>(originating);
        all.addAll(terminating);
        assertEquals(List.of(List.of(A, B, "local", "2.00"), List.of(B, "+77011234567", "mobile", "24.50")),
                all.stream().map(r -> List.of(r.chargedParty(), r.called(), r.tariff(), r.cost().toPlainString()))
                        .toList(), "each pays once");
        assertEquals(List.of(ICID, ICID), all.stream().map(CallRecord::icid).toList(), "one call");
        assertEquals(A, terminating.get(0).caller());
    }

    @Test
    void aSinglePassWithNoSessionCaseStatedChargesTheCallerAsBefore() {
        assertEquals(List.of(A), rater.rate(release(Pass.BOTH, "one-pass@core", A, B, NumberClass.LOCAL, 61_000,
                List.of())).stream().map(CallRecord::chargedParty).toList());
    }
}
