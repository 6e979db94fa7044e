package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.rating.CallRecordCsv;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportCsvTest {

    private static final CallRecord ANSWERED = new CallRecord("a84b4c76e66710@10.0.0.1", "+77172123456",
            "+77172123456", "+4930123456", NumberClass.INTERNATIONAL, Instant.parse("2026-11-25T13:24:58Z"),
            Instant.parse("2026-11-25T13:25:01.5Z"), Instant.parse("2026-11-25T13:26:02.123Z"), 120,
            "international Germany", new BigDecimal("120.00"), new BigDecimal("15.60"), "KZT",
            "AyretyU0dm+6O2IrT5tAFrbHLso=023551024");

    @Test
    void theHeaderNamesTheColumnsInOrder() {
        assertEquals("callId,caller,chargedParty,called,class,start,answer,end,billedSeconds,tariff,cost,vat,"
                + "currency,icid,kind,feature\r\n", ExportCsv.header());
        assertEquals(CallRecordCsv.COLUMNS, ExportCsv.Layout.WITHOUT_ICID.columns(), "the columns before issue 11");
        assertEquals("icid", ExportCsv.Layout.WITHOUT_FEES.columns().get(ExportCsv.Layout.WITHOUT_FEES.columns()
                .size() - 1), "the columns before issue 14: a new column goes last");
        assertEquals(ExportCsv.Layout.WITHOUT_FEES.columns(),
                ExportCsv.COLUMNS.subList(0, ExportCsv.Layout.WITHOUT_FEES.columns().size()),
                "issue 14's columns come after the earlier ones");
    }

    @Test
    void aRecordIsOneLineWithUtcMillisecondTimesAndPlainDecimals() {
        CallRecord record = new CallRecord(ANSWERED.callId(), ANSWERED.caller(), ANSWERED.chargedParty(),
                ANSWERED.called(), ANSWERED.numberClass(), ANSWERED.start(), ANSWERED.answer(), ANSWERED.end(),
                ANSWERED.billedSeconds(), ANSWERED.tariff(), new BigDecimal("1.2E+2"), new BigDecimal("0.1"), "KZT",
                ANSWERED.icid());

        assertEquals("a84b4c76e66710@10.0.0.1,+77172123456,+77172123456,+4930123456,international,"
                        + "2026-11-25T13:24:58.000Z,2026-11-25T13:25:01.500Z,2026-11-25T13:26:02.123Z,120,"
                        + "international Germany,120,0.1,KZT,AyretyU0dm+6O2IrT5tAFrbHLso=023551024,call,\r\n",
                ExportCsv.line(record));
    }

    @Test
    void aFileBegunWithoutTheIcidColumnGetsLinesWithoutIt() {
        assertEquals("a84b4c76e66710@10.0.0.1,+77172123456,+77172123456,+4930123456,international,"
                        + "2026-11-25T13:24:58.000Z,2026-11-25T13:25:01.500Z,2026-11-25T13:26:02.123Z,120,"
                        + "international Germany,120.00,15.60,KZT\r\n",
                ExportCsv.line(ANSWERED, ExportCsv.Layout.WITHOUT_ICID));
    }

    @Test
    void anUnansweredCallAndAnUnplacedNumberAreEmptyFields() {
        CallRecord record = new CallRecord("c1", "+77172123456", "+77172123456", "0123", null,
                Instant.parse("2026-11-25T13:24:58Z"), null, Instant.parse("2026-11-25T13:25:00Z"), 0,
                "unclassified", new BigDecimal("0.00"), new BigDecimal("0.00"), "KZT", null);

        assertEquals("c1,+77172123456,+77172123456,0123,,2026-11-25T13:24:58.000Z,,2026-11-25T13:25:00.000Z,0,"
                + "unclassified,0.00,0.00,KZT,,call,\r\n", ExportCsv.line(record), "and a call journaled without icid");
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        CallRecord record = new CallRecord("id,\"x\"", "+77172123456", "+77172123456", "+77272777888",
                NumberClass.NATIONAL, Instant.parse("2026-11-25T13:24:58Z"), null,
                Instant.parse("2026-11-25T13:25:00Z"), 0, "zone 2, day\nrate", new BigDecimal("0.00"),
                new BigDecimal("0.00"), "KZT", "icid,1");

        assertEquals("\"id,\"\"x\"\"\",+77172123456,+77172123456,+77272777888,national,2026-11-25T13:24:58.000Z,,"
                + "2026-11-25T13:25:00.000Z,0,\"zone 2, day\nrate\",0.00,0.00,KZT,\"icid,1\",call,\r\n",
                ExportCsv.line(record));
    }

    private static final CallRecord WAKE_UP_FEE = CallRecord.fee("wake-7@fs", "+77272777888", "wakeUpCall",
            Instant.parse("2026-11-25T01:00:00.250Z"), new BigDecimal("20.00"), new BigDecimal("2.40"), "KZT",
            "icid-wake-7");

    @Test
    void aFeeIsALineOfKindFeeNamingItsFeature() {
        assertEquals("wake-7@fs,+77272777888,+77272777888,+77272777888,,2026-11-25T01:00:00.250Z,,"
                + "2026-11-25T01:00:00.250Z,0,fee wakeUpCall,20.00,2.40,KZT,icid-wake-7,fee,wakeUpCall\r\n",
                ExportCsv.line(WAKE_UP_FEE));
    }

    @Test
    void aFileBegunBeforeTheFeeColumnsGetsAFeesLineWithoutThemItsTariffSayingWhatItIs() {
        assertEquals("wake-7@fs,+77272777888,+77272777888,+77272777888,,2026-11-25T01:00:00.250Z,,"
                + "2026-11-25T01:00:00.250Z,0,fee wakeUpCall,20.00,2.40,KZT,icid-wake-7\r\n",
                ExportCsv.line(WAKE_UP_FEE, ExportCsv.Layout.WITHOUT_FEES));
    }

    @Test
    void theItemizedBillsReaderReadsTheRecordsBackAsWritten(@TempDir Path dir) throws Exception {
        CallRecord odd = new CallRecord("id,\"x\"", "anonymous", "+77272777888", "+77011234567", null,
                Instant.parse("2026-11-25T23:59:59.999Z"), null, Instant.parse("2026-11-26T00:00:10Z"), 0,
                "zone 2, day\nrate", new BigDecimal("0.00"), new BigDecimal("0.00"), "KZT", null);
        Path file = dir.resolve("calls-2026-11-25.csv");
        Files.writeString(file, ExportCsv.header() + ExportCsv.line(ANSWERED) + ExportCsv.line(odd)
                + ExportCsv.line(WAKE_UP_FEE), StandardCharsets.UTF_8);

        assertEquals(List.of(ANSWERED, odd, WAKE_UP_FEE), CallRecordCsv.readAll(file));
    }
}
