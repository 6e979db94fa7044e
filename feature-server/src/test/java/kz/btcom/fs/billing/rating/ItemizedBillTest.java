package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
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

    @Test
    void theClassesListedAreLongDistanceAndInternational() {
        assertEquals(EnumSet.of(NumberClass.NATIONAL, NumberClass.MOBILE, NumberClass.INTERNATIONAL),
                EnumSet.copyOf(ItemizedBill.LONG_DISTANCE_AND_INTERNATIONAL));
    }
}
