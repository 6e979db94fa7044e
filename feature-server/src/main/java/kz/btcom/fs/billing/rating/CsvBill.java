package kz.btcom.fs.billing.rating;

import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An itemized bill as CSV (RFC 4180 quoting, LF line ends): a header, a row of kind {@code call} per call, one of
 * kind {@code fee} per fee (the fee's tariff, e.g. {@code fee wakeUpCall}, with no number, duration or billed
 * seconds) and one of kind {@code total}. Dates and times are in the bill's time zone; amounts are decimal strings
 * in the bill's currency, cost net of VAT, and {@code total} is cost + VAT.
 */
public final class CsvBill {

    /** The header row. */
    public static final List<String> COLUMNS = List.of("kind", "called", "date", "time", "duration",
            "billedSeconds", "tariff", "cost", "vat", "total", "currency");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private CsvBill() {
    }

    public static String render(ItemizedBill bill) {
        StringBuilder out = new StringBuilder();
        row(out, COLUMNS);
        for (BillLine line : bill.lines()) {
            row(out, List.of("call", line.called(), DATE.format(line.start()), TIME.format(line.start()),
                    line.minutesSeconds(), Long.toString(line.billedSeconds()), line.tariff(),
                    Money.format(line.cost()), Money.format(line.vat()), Money.format(line.cost().add(line.vat())),
                    bill.currency()));
        }
        for (FeeLine fee : bill.fees()) {
            row(out, List.of("fee", "", DATE.format(fee.at()), TIME.format(fee.at()), "", "", fee.tariff(),
                    Money.format(fee.cost()), Money.format(fee.vat()), Money.format(fee.cost().add(fee.vat())),
                    bill.currency()));
        }
        row(out, List.of("total", "", "", "", "", "", "", Money.format(bill.net()), Money.format(bill.vat()),
                Money.format(bill.total()), bill.currency()));
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(fields.get(i)));
        }
        out.append('\n');
    }

    /** As is, or in double quotes with quotes doubled when it holds a comma, a quote or a line break. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
