package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The CSV of the export, RFC 4180 ({@link kz.btcom.fs.billing.rating.CallRecordCsv} reads it back): UTF-8 without
 * BOM, CRLF line ends, a header line, fields quoted only when they hold a comma, a double quote, CR or LF (a quote
 * doubled inside). Times ISO-8601 UTC always with
 * milliseconds ({@code 2026-11-25T13:24:58.123Z}); money as plain decimals ({@code 12.50}, never {@code 1.25E+1});
 * a missing answer time or number class is an empty field (an unanswered call, a number the plan cannot place).
 */
public final class ExportCsv {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("callId", "caller", "chargedParty", "called", "class",
            "start", "answer", "end", "billedSeconds", "tariff", "cost", "vat", "currency");

    static final String LINE_END = "\r\n";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ExportCsv() {
    }

    /** The header line, with its line end. */
    public static String header() {
        return String.join(",", COLUMNS) + LINE_END;
    }

    /** One record as one line, with its line end. */
    public static String line(CallRecord r) {
        StringBuilder line = new StringBuilder(192);
        field(line, r.callId()).append(',');
        field(line, r.caller()).append(',');
        field(line, r.chargedParty()).append(',');
        field(line, r.called()).append(',');
        field(line, r.numberClass() == null ? "" : r.numberClass().jsonName()).append(',');
        field(line, time(r.start())).append(',');
        field(line, time(r.answer())).append(',');
        field(line, time(r.end())).append(',');
        line.append(r.billedSeconds()).append(',');
        field(line, r.tariff()).append(',');
        field(line, r.cost().toPlainString()).append(',');
        field(line, r.vat().toPlainString()).append(',');
        field(line, r.currency());
        return line.append(LINE_END).toString();
    }

    private static String time(Instant time) {
        return time == null ? "" : TIME.format(time);
    }

    private static StringBuilder field(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            return line.append(value);
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        return line.append('"');
    }

    private static boolean needsQuotes(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
