package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.CallRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The CSV of the export, RFC 4180 ({@link kz.btcom.fs.billing.rating.CallRecordCsv} reads it back): UTF-8 without
 * BOM, CRLF line ends, a header line, fields quoted only when they hold a comma, a double quote, CR or LF (a quote
 * doubled inside). Times ISO-8601 UTC always with
 * milliseconds ({@code 2026-11-25T13:24:58.123Z}); money as plain decimals ({@code 12.50}, never {@code 1.25E+1});
 * a missing answer time, number class or icid is an empty field (an unanswered call, a number the plan cannot
 * place, a call journaled before icids were kept). {@code kind} says what a line is: {@code call}, one leg of a
 * call, or {@code fee}, one use of a feature charged per use, whose {@code feature} column names the fee of
 * tariffs.yaml ({@code wakeUpCall}) and is empty on a call's line (see {@link CallRecord#fee} for the other fields
 * of a fee line).
 */
public final class ExportCsv {

    /** The columns, in order: a new column goes at the end, where a reader by position does not trip on it. */
    public static final List<String> COLUMNS = List.of("callId", "caller", "chargedParty", "called", "class",
            "start", "answer", "end", "billedSeconds", "tariff", "cost", "vat", "currency", "icid", "kind", "feature");

    static final String LINE_END = "\r\n";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The columns of one file. A day's file is begun once and appended to until the day is over, so a file an
     * earlier release began (an export upgraded in the middle of a day) is finished in its own columns: one
     * header, every line as long as it says. In such a file a fee's line has no kind column; its tariff
     * ("fee wakeUpCall") still says what it is, and {@link kz.btcom.fs.billing.rating.CallRecordCsv} reads it so.
     */
    public enum Layout {
        /** What the export writes: {@link #COLUMNS}. */
        CURRENT(COLUMNS),
        /** The files of the releases before fees were rated (issue 14): up to the icid. */
        WITHOUT_FEES(COLUMNS.subList(0, COLUMNS.indexOf("icid") + 1)),
        /** The files of the releases before the icid was kept: every column before the icid. */
        WITHOUT_ICID(COLUMNS.subList(0, COLUMNS.indexOf("icid")));

        private final List<String> columns;
        private final String header;

        Layout(List<String> columns) {
            this.columns = columns;
            this.header = String.join(",", columns) + LINE_END;
        }

        public List<String> columns() {
            return columns;
        }

        /** The header line, with its line end. */
        public String header() {
            return header;
        }

        /** The layout whose header line (with its line end) this is; empty when it is none of ours. */
        static Optional<Layout> ofHeader(String line) {
            for (Layout layout : values()) {
                if (layout.header.equals(line)) {
                    return Optional.of(layout);
                }
            }
            return Optional.empty();
        }
    }

    private ExportCsv() {
    }

    /** The header line of a new file, with its line end. */
    public static String header() {
        return Layout.CURRENT.header();
    }

    /** One record as one line of a new file, with its line end. */
    public static String line(CallRecord r) {
        return line(r, Layout.CURRENT);
    }

    /** One record as one line of a file in {@code layout}, with its line end. */
    public static String line(CallRecord r, Layout layout) {
        StringBuilder line = new StringBuilder(224);
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
        if (layout != Layout.WITHOUT_ICID) {
            line.append(',');
            field(line, r.icid() == null ? "" : r.icid());
        }
        if (layout == Layout.CURRENT) {
            line.append(',');
            field(line, r.kind()).append(',');
            field(line, r.isFee() ? r.feature() : "");
        }
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
