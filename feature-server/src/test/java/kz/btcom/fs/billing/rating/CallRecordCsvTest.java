package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The export's CSV read back: RFC 4180 quoting, CRLF or LF, columns by name; a bad row is one line. */
class CallRecordCsvTest {

    private static final String HEADER = String.join(",", CallRecordCsv.COLUMNS);

    private static List<CallRecord> read(String csv) throws Exception {
        List<CallRecord> records = new ArrayList<>();
        CallRecordCsv.read(new StringReader(csv), "export.csv", records::add);
        return records;
    }

    private static String error(String csv) {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> read(csv));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theGoldenExportReadsBackFieldByField() throws Exception {
        List<CallRecord> records = ItemizedBillTest.export();

        assertEquals(16, records.size());
        assertEquals(new CallRecord("c02@fs", "+77272777888", "+77272777888", "+74951234567",
                NumberClass.INTERNATIONAL, Instant.parse("2026-10-31T19:30:00Z"), Instant.parse("2026-10-31T19:30:08Z"),
                Instant.parse("2026-10-31T19:32:13Z"), 180, "international 7 Russia", new BigDecimal("90.00"),
                new BigDecimal("10.80"), "KZT", null), records.get(1), "an export without icids reads as before");
        assertNull(records.get(4).answer(), "c05 was never answered");
        assertEquals("+77272777888", records.get(7).chargedParty(), "c07's forwarded leg");
        assertEquals("c08\"x@fs", records.get(8).callId(), "a doubled quote inside a quoted field");
        assertEquals("international 82 Korea, Republic of", records.get(8).tariff(), "a comma inside quotes");
        assertEquals(Instant.parse("2026-11-12T03:00:04.001Z"), records.get(8).end(), "milliseconds");
        assertNull(records.get(13).numberClass(), "c13's class is empty: unclassified");
    }

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaksAndLinesMayEndEitherWay() throws Exception {
        String csv = "\uFEFF" + HEADER + "\n"
                + "\"a,\"\"b\"\"\r\nc\",+77272777888,+77272777888,+49301,international,2026-11-01T00:00:00.000Z,"
                + "2026-11-01T00:00:01.000Z,2026-11-01T00:00:02.000Z,60,\"t\",1.00,0.12,KZT\r\n"
                + "\r\n"
                + "b,+77272777888,+77272777888,+49301,,2026-11-01T00:00:00Z,,2026-11-01T00:00:02Z,0,t,0.00,0.00,KZT";
        List<CallRecord> records = read(csv);
        assertEquals(List.of("a,\"b\"\r\nc", "b"), records.stream().map(CallRecord::callId).toList());
        assertEquals(List.of("1.00", "0.00"), records.stream().map(r -> r.cost().toPlainString()).toList());
    }

    @Test
    void columnsAreFoundByNameAndExtraOnesIgnored() throws Exception {
        String csv = "currency,vat,cost,tariff,billedSeconds,end,answer,start,class,called,chargedParty,caller,callId,"
                + "note\n"
                + "KZT,0.36,3.00,national zone 2,10,2026-11-01T00:00:10Z,2026-11-01T00:00:05Z,2026-11-01T00:00:00Z,"
                + "national,+77252123456,+77272777888,+77272777888,x@fs,whatever\n";
        CallRecord record = read(csv).get(0);
        assertEquals(List.of("x@fs", "national zone 2", "3.00", "0.36"),
                List.of(record.callId(), record.tariff(), record.cost().toPlainString(), record.vat().toPlainString()));
    }

    private static final String ROW = "x@fs,+77272777888,+77272777888,+77252123456,national,2026-11-01T00:00:00.000Z,"
            + "2026-11-01T00:00:05.000Z,2026-11-01T00:01:06.000Z,70,national zone 2,21.00,2.52,KZT";

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ,national,               | ,nationl,              | export.csv: line 2: class: "nationl" is not a class (local, national, mobile, international, information, emergency, service)
            2026-11-01T00:00:00.000Z | 2026-11-01 00:00:00    | export.csv: line 2: start: "2026-11-01 00:00:00" is not an ISO-8601 UTC time such as 2026-11-01T00:30:00Z
            ,70,                     | ,7O,                   | export.csv: line 2: billedSeconds: "7O" is not a whole number of seconds
            ,21.00,                  | ,21.005,               | export.csv: line 2: cost: "21.005" has fractions of a tiyn
            ,2.52,                   | ,2.52 ,                | export.csv: line 2: vat: "2.52 " is not a decimal amount such as 12.50
            x@fs,                    | ,                      | export.csv: line 2: callId: is empty
            ,KZT                     | ,KZT,extra             | export.csv: line 2: 14 fields, but the header has 13
            ,national zone 2,        | ,"national zone 2,     | export.csv: line 2: a quoted field is not closed
            ,national zone 2,        | ,"national" zone 2,    | export.csv: line 2: text after the closing quote of a field
            ,national zone 2,        | ,national "zone" 2,    | export.csv: line 2: a quote inside a field that does not start with one
            """)
    void aBadRowNamesTheFileTheLineAndTheColumn(String text, String replacement, String expected) {
        String row = ROW.replaceFirst(java.util.regex.Pattern.quote(text), java.util.regex.Matcher.quoteReplacement(
                replacement));
        assertEquals(expected, error(HEADER + "\r\n" + row + "\r\n"));
    }

    @Test
    void theLineCountsTheLineBreaksInsideQuotedFields() {
        String csv = HEADER + "\n" + ROW.replace("x@fs", "\"x\n@fs\"") + "\n" + ROW.replace("70", "seventy") + "\n";
        assertEquals("export.csv: line 4: billedSeconds: \"seventy\" is not a whole number of seconds", error(csv));
    }

    @Test
    void aFileWithoutTheHeaderSaysWhichColumnsItNeeds() {
        assertEquals("export.csv: line 1: no column callId (a header of " + HEADER + " is needed)", error(ROW + "\n"));
        assertEquals("export.csv: line 1: is empty; it needs a header row " + HEADER, error(""));
        assertEquals("export.csv: line 1: the column cost appears twice", error(HEADER + ",cost\n"));
    }

    private static final String FEE_HEADER = HEADER + ",icid,kind,feature\n";
    private static final String FEE_LINE = "w1@fs,+77272777888,+77272777888,+77272777888,,2026-11-10T01:00:00.400Z,,"
            + "2026-11-10T01:00:00.400Z,0,fee wakeUpCall,20.00,2.40,KZT,icid-w1,fee,wakeUpCall\n";

    @Test
    void aFeesLineReadsBackAsAFeeRecordAndACallsLineAsACall() throws Exception {
        String call = "c1@fs,+77272777888,+77272777888,+49301,international,2026-11-01T00:00:00Z,"
                + "2026-11-01T00:00:01Z,2026-11-01T00:00:02Z,60,t,1.00,0.12,KZT,icid-c1,call,\n";

        List<CallRecord> records = read(FEE_HEADER + FEE_LINE + call);

        Instant at = Instant.parse("2026-11-10T01:00:00.400Z");
        assertEquals(CallRecord.fee("w1@fs", "+77272777888", "wakeUpCall", at, new BigDecimal("20.00"),
                new BigDecimal("2.40"), "KZT", "icid-w1"), records.get(0));
        assertFalse(records.get(1).isFee());
        assertNull(records.get(1).feature());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ,fee,wakeUpCall           | ,fee,                  | export.csv: line 2: feature: is empty on a fee's line
            ,fee,wakeUpCall           | ,call,wakeUpCall       | export.csv: line 2: feature: "wakeUpCall" on a call's line (kind call); only a fee has a feature
            ,fee,wakeUpCall           | ,charge,wakeUpCall     | export.csv: line 2: kind: "charge" is not call or fee
            0,fee wakeUpCall          | 60,fee wakeUpCall      | export.csv: line 2: a fee record (wakeUpCall) has no answer, class or billed time
            """)
    void aBadFeeLineNamesTheFileTheLineAndTheColumn(String text, String replacement, String expected) {
        assertEquals(expected, error(FEE_HEADER + FEE_LINE.replace(text, replacement)));
    }

    @Test
    void withoutTheKindColumnAFeesLineIsKnownByItsTariff() throws Exception {
        String withoutKind = HEADER + ",icid\n" + FEE_LINE.replace(",fee,wakeUpCall\n", "\n")
                + "c1@fs,+77272777888,+77272777888,+49301,,2026-11-01T00:00:00Z,,2026-11-01T00:00:02Z,0,feature code,"
                + "0.00,0.00,KZT,\n";

        List<CallRecord> records = read(withoutKind);

        assertEquals(List.of("wakeUpCall"), records.stream().filter(CallRecord::isFee).map(CallRecord::feature)
                .toList(), "the fee's line (a file begun before the kind column and finished by this release)");
        assertFalse(records.get(1).isFee(), "a call's tariff never starts with \"fee \"");
    }

    @Test
    void kindAndFeatureComeTogether() {
        assertEquals("export.csv: line 1: the columns kind and feature come together: one without the other",
                error(HEADER + ",kind\n"));
    }

    @Test
    void aHeaderAloneIsNoRecords() throws Exception {
        assertEquals(List.of(), read(HEADER + "\r\n"));
    }
}
