package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The itemized bill of +77272777888 for November 2026 (Asia/Almaty, UTC+5) from export-2026-11.csv: golden files
 * for the text and the CSV, and the choice of calls and totals checked by hand.
 */
class ItemizedBillTest {

    static final String SUBSCRIBER = "+77272777888";
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    static List<CallRecord> export() throws Exception {
        List<CallRecord> records = new ArrayList<>();
        CallRecordCsv.read(new StringReader(TestTariffs.resource("export-2026-11.csv")), "export-2026-11.csv",
                records::add);
        return records;
    }

    private static ItemizedBill november() throws Exception {
        return ItemizedBill.of(SUBSCRIBER, NOVEMBER, TestTariffs.FIXED, export());
    }

    @Test
    void theTextBillIsTheGoldenOne() throws Exception {
        Golden.assertMatches("bill-2026-11.txt", TextBill.render(november()));
    }

    @Test
    void theCsvBillIsTheGoldenOne() throws Exception {
        Golden.assertMatches("bill-2026-11.csv", CsvBill.render(november()));
    }

    @Test
    void theBillListsTheAnsweredLongDistanceAndInternationalCallsChargedToTheSubscriberThatMonthInAlmaty()
            throws Exception {
        // c01 is 23:59 on 31 October in Almaty, c02 00:30 on 1 November; c10 is 00:30 on 1 December, c15 23:59:59
        // on 30 November. c04 local, c05 unanswered, c06 information, c07's first leg charged to the caller,
        // c09 emergency, c11 another subscriber's, c13 unclassified.
        ItemizedBill bill = november();
        assertEquals(List.of("+74951234567", "+77252123456", "+77011234567", "+82212345678", "+49301234567",
                "+77282123456", "+77282123456"), bill.lines().stream().map(BillLine::called).toList());
        assertEquals(LocalDateTime.of(2026, 11, 1, 0, 30), bill.lines().get(0).start());
        assertEquals(LocalDateTime.of(2026, 11, 30, 23, 59, 59, 999_000_000), bill.lines().get(6).start());
        // 90.00 + 21.00 + 24.50 + 90.00 + 4725.00 + 0.00 + 2.00; VAT 12 % of each, summed.
        assertEquals(new BigDecimal("4952.50"), bill.net());
        assertEquals(new BigDecimal("594.30"), bill.vat());
        assertEquals(new BigDecimal("5546.80"), bill.total());
    }

    @Test
    void localCallsAreListedWhenTheTariffsSaySo() throws Exception {
        Tariffs itemizingLocal = TestTariffs.parse(TestTariffs.resource("tariffs-for-tests.yaml")
                .replace("itemized: false", "itemized: true"), "tariffs-for-tests.yaml");
        ItemizedBill bill = ItemizedBill.of(SUBSCRIBER, NOVEMBER, itemizingLocal, export());
        assertEquals(8, bill.lines().size());
        assertEquals("+77272721122", bill.lines().get(2).called());
        assertEquals(new BigDecimal("4957.50"), bill.net());
    }

    @Test
    void theMonthFollowsTheZoneGiven() throws Exception {
        ItemizedBill utc = ItemizedBill.of(SUBSCRIBER, NOVEMBER, ZoneId.of("UTC"),
                ItemizedBill.LONG_DISTANCE_AND_INTERNATIONAL, "KZT", export());
        // In UTC, c02 (31 October 19:30) is October's and c10 (30 November 19:30) November's.
        assertEquals(List.of("+77252123456", "+77011234567", "+82212345678", "+49301234567", "+77282123456",
                "+77282123456", "+77252123456"), utc.lines().stream().map(BillLine::called).toList());
    }

    @Test
    void aMonthWithoutCallsIsABillOfNothing() throws Exception {
        ItemizedBill bill = ItemizedBill.of(SUBSCRIBER, YearMonth.of(2026, 9), TestTariffs.FIXED, export());
        assertEquals(List.of(), bill.lines());
        assertEquals(Money.ZERO, bill.total());
        Golden.assertMatches("bill-empty.txt", TextBill.render(bill));
    }

    @Test
    void aRecordInAnotherCurrencyIsAnError() throws Exception {
        List<CallRecord> records = new ArrayList<>(export());
        CallRecord c03 = records.get(2);
        records.set(2, new CallRecord(c03.callId(), c03.caller(), c03.chargedParty(), c03.called(),
                c03.numberClass(), c03.start(), c03.answer(), c03.end(), c03.billedSeconds(), c03.tariff(),
                c03.cost(), c03.vat(), "USD", c03.icid()));
        assertThrows(IllegalArgumentException.class,
                () -> ItemizedBill.of(SUBSCRIBER, NOVEMBER, TestTariffs.FIXED, records));
    }

    @Test
    void durationsAreMinutesAndStartedSeconds() {
        assertEquals(List.of("00:00", "00:01", "00:10", "01:01", "01:02", "62:05", "125:00"),
                List.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(10), Duration.ofSeconds(61),
                                Duration.ofMillis(61_200), Duration.ofSeconds(3725), Duration.ofMinutes(125))
                        .stream().map(d -> new BillLine("+7", LocalDateTime.MIN, d, 0, "t", Money.ZERO, Money.ZERO)
                                .minutesSeconds())
                        .toList());
    }

    @Test
    void theGoldenExportHoldsWhatTheRaterMakesOfItsCalls() throws Exception {
        CallRater rater = new CallRater(TestTariffs.FIXED);
        for (CallRecord record : export()) {
            if (record.numberClass() == null) {
                continue;
            }
            // Each record re-rated as a call of its own, from its charged party.
            CallRelease release = new CallRelease(record.callId(), record.end(), record.chargedParty(),
                    record.called(), record.numberClass(), record.start(), record.answer(), 200, Party.CALLER,
                    List.of(), Pass.BOTH, null);
            CallRecord rated = rater.rate(release).get(0);
            assertEquals(List.of(record.billedSeconds(), record.tariff(), record.cost(), record.vat()),
                    List.of(rated.billedSeconds(), rated.tariff(), rated.cost(), rated.vat()), record.callId());
        }
    }

    /**
     * November's calls and the subscriber's fees of the month, rated from the journal's events with the test
     * tariffs and a malicious call record priced at 15.05: wake-up calls at 06:00 on 10 November and at 00:30 on
     * 1 November in Almaty (still 31 October in UTC), one at 00:30 on 1 December (December's), a wake-up call
     * that was busy, another subscriber's, a malicious call record, and a feature code at 0.00.
     */
    private static List<CallRecord> novemberWithFees() throws Exception {
        Tariffs tariffs = TestTariffs.parse(TestTariffs.resource("tariffs-for-tests.yaml")
                .replace("maliciousCallRecord: \"0.00\"", "maliciousCallRecord: \"15.05\""),
                "tariffs-for-tests.yaml, malicious call record 15.05");
        JournalRater rater = new JournalRater(tariffs);
        List<CallRecord> records = new ArrayList<>(export());
        for (JournalEvent event : List.of(
                wakeUp("w1@fs", SUBSCRIBER, "2026-11-10T01:00:00.400Z", JournalEvent.WakeUpOutcome.ANSWERED),
                wakeUp("w2@fs", SUBSCRIBER, "2026-10-31T19:30:00.400Z", JournalEvent.WakeUpOutcome.ANSWERED),
                wakeUp("w3@fs", SUBSCRIBER, "2026-11-30T19:30:00.400Z", JournalEvent.WakeUpOutcome.ANSWERED),
                wakeUp("w4@fs", SUBSCRIBER, "2026-11-11T01:00:00.400Z", JournalEvent.WakeUpOutcome.BUSY),
                wakeUp("w5@fs", "+77172123456", "2026-11-10T01:00:00.400Z", JournalEvent.WakeUpOutcome.ANSWERED),
                new JournalEvent.MaliciousCallIdentification("m1@core", Instant.parse("2026-11-20T15:42:10Z"),
                        SUBSCRIBER, "+77011234567", false, "callingNumber", "+77011234567"),
                new JournalEvent.FeatureCodeUse("f1@fs", Instant.parse("2026-11-03T04:00:00Z"), SUBSCRIBER,
                        "forwardUnconditional.activate", true))) {
            records.addAll(rater.rate(event));
        }
        return records;
    }

    private static JournalEvent.WakeUpCall wakeUp(String callId, String subscriber, String at,
                                                  JournalEvent.WakeUpOutcome outcome) {
        Instant when = Instant.parse(at);
        return new JournalEvent.WakeUpCall(callId, when, subscriber, 1, true, when.minusMillis(400), 1, outcome,
                "icid-" + callId);
    }

    @Test
    void theFeesOfTheMonthThatCostSomethingFollowTheCallsWithTheirVatAndTheTotalsAddUpToTheTiyn()
            throws Exception {
        ItemizedBill bill = ItemizedBill.of(SUBSCRIBER, NOVEMBER, TestTariffs.FIXED, novemberWithFees());

        assertEquals(november().lines(), bill.lines(), "the calls are those of the bill without fees");
        assertEquals(List.of(
                new FeeLine("wakeUpCall", LocalDateTime.parse("2026-11-01T00:30:00.400"), "fee wakeUpCall",
                        new BigDecimal("20.00"), new BigDecimal("2.40")),
                new FeeLine("wakeUpCall", LocalDateTime.parse("2026-11-10T06:00:00.400"), "fee wakeUpCall",
                        new BigDecimal("20.00"), new BigDecimal("2.40")),
                new FeeLine("maliciousCallRecord", LocalDateTime.parse("2026-11-20T20:42:10"),
                        "fee maliciousCallRecord", new BigDecimal("15.05"), new BigDecimal("1.81"))),
                bill.fees(), "not December's, not the busy attempt, not another's, not the free feature code");
        // The calls' 4952.50 + 594.30 of theBillLists... and the fees' 55.05 + 6.61 (2.40 + 2.40 + 1.806 -> 1.81).
        assertEquals(new BigDecimal("5007.55"), bill.net());
        assertEquals(new BigDecimal("600.91"), bill.vat());
        assertEquals(new BigDecimal("5608.46"), bill.total());
        BigDecimal lines = bill.lines().stream().map(l -> l.cost().add(l.vat())).reduce(Money.ZERO, BigDecimal::add)
                .add(bill.fees().stream().map(f -> f.cost().add(f.vat())).reduce(Money.ZERO, BigDecimal::add));
        assertEquals(bill.total(), lines, "the total is the sum of what each line shows, to the tiyn");
    }

    @Test
    void theTextAndCsvBillsWithFeesAreTheGoldenOnes() throws Exception {
        ItemizedBill bill = ItemizedBill.of(SUBSCRIBER, NOVEMBER, TestTariffs.FIXED, novemberWithFees());
        Golden.assertMatches("bill-2026-11-fees.txt", TextBill.render(bill));
        Golden.assertMatches("bill-2026-11-fees.csv", CsvBill.render(bill));
    }

    @Test
    void aFeeInAnotherCurrencyIsAnError() throws Exception {
        List<CallRecord> records = new ArrayList<>(novemberWithFees());
        records.add(CallRecord.fee("w9@fs", SUBSCRIBER, "wakeUpCall", Instant.parse("2026-11-12T01:00:00Z"),
                new BigDecimal("20.00"), new BigDecimal("2.40"), "USD", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ItemizedBill.of(SUBSCRIBER, NOVEMBER, TestTariffs.FIXED, records));
        assertEquals("fee wakeUpCall of call w9@fs is in USD, the bill in KZT", e.getMessage());
    }

    @Test
    void theClassesListedAreLongDistanceAndInternational() {
        assertEquals(EnumSet.of(NumberClass.NATIONAL, NumberClass.MOBILE, NumberClass.INTERNATIONAL),
                EnumSet.copyOf(ItemizedBill.LONG_DISTANCE_AND_INTERNATIONAL));
    }
}
