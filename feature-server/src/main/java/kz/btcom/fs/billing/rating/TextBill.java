package kz.btcom.fs.billing.rating;

import kz.btcom.fs.numbering.NumberClass;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An itemized bill as fixed-width text for printing: a header, one line per call, one per fee when there are any
 * (with its VAT), the totals.
 */
public final class TextBill {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String GAP = "  ";

    private TextBill() {
    }

    public static String render(ItemizedBill bill) {
        StringBuilder out = new StringBuilder();
        out.append("BTcom itemized bill\n");
        out.append("Subscriber  ").append(bill.subscriber()).append('\n');
        out.append("Month       ").append(bill.month()).append(" (dates and times ").append(bill.zone().getId())
                .append(")\n");
        out.append("Calls       answered ").append(describe(bill)).append(" calls\n");
        if (!bill.fees().isEmpty()) {
            out.append("Fees        per use of a feature, each with its VAT\n");
        }
        out.append("Currency    ").append(bill.currency()).append(", costs net of VAT\n");
        out.append('\n');

        String[] headers = {"Date", "Time", "Number called", "Duration", "Billed s", "Tariff", "Cost"};
        boolean[] right = {false, false, false, true, true, false, true};
        // At least these widths, so that bills look alike whatever their calls: E.164 has up to 16 characters.
        int[] minimum = {10, 8, 16, 8, 8, 24, 10};
        List<String[]> rows = new ArrayList<>();
        for (BillLine line : bill.lines()) {
            rows.add(new String[] {DATE.format(line.start()), TIME.format(line.start()), line.called(),
                line.minutesSeconds(), Long.toString(line.billedSeconds()), line.tariff(),
                Money.format(line.cost())});
        }
        String[] totals = {Money.format(bill.net()), Money.format(bill.vat()), Money.format(bill.total())};
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = Math.max(minimum[i], headers[i].length());
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int cost = headers.length - 1;
        for (String total : totals) {
            widths[cost] = Math.max(widths[cost], total.length());
        }

        appendRow(out, headers, widths, right);
        String[] rules = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rules[i] = "-".repeat(widths[i]);
        }
        appendRow(out, rules, widths, right);
        for (String[] row : rows) {
            appendRow(out, row, widths, right);
        }
        if (rows.isEmpty()) {
            out.append("(no calls)\n");
        }
        out.append('\n');
        if (!bill.fees().isEmpty()) {
            appendFees(out, bill.fees());
            out.append('\n');
        }

        int labelWidth = 0;
        for (int i = 0; i < cost; i++) {
            labelWidth += widths[i] + GAP.length();
        }
        labelWidth -= GAP.length();
        String[] labels = {"Net", "VAT", "Total with VAT"};
        for (int i = 0; i < labels.length; i++) {
            out.append(pad(labels[i], labelWidth, true)).append(GAP).append(pad(totals[i], widths[cost], true))
                    .append('\n');
        }
        return out.toString();
    }

    private static void appendFees(StringBuilder out, List<FeeLine> fees) {
        String[] headers = {"Date", "Time", "Fee", "Cost", "VAT"};
        boolean[] right = {false, false, false, true, true};
        int[] widths = {10, 8, 24, 10, 10};
        List<String[]> rows = new ArrayList<>();
        for (FeeLine fee : fees) {
            rows.add(new String[] {DATE.format(fee.at()), TIME.format(fee.at()), fee.feature(),
                Money.format(fee.cost()), Money.format(fee.vat())});
        }
        for (int i = 0; i < headers.length; i++) {
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String[] rules = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rules[i] = "-".repeat(widths[i]);
        }
        appendRow(out, headers, widths, right);
        appendRow(out, rules, widths, right);
        for (String[] row : rows) {
            appendRow(out, row, widths, right);
        }
    }

    private static String describe(ItemizedBill bill) {
        List<String> kinds = new ArrayList<>();
        if (bill.classes().contains(NumberClass.LOCAL)) {
            kinds.add("local");
        }
        if (bill.classes().contains(NumberClass.NATIONAL) || bill.classes().contains(NumberClass.MOBILE)) {
            kinds.add("long-distance");
        }
        if (bill.classes().contains(NumberClass.INTERNATIONAL)) {
            kinds.add("international");
        }
        if (bill.classes().contains(NumberClass.INFORMATION)) {
            kinds.add("information");
        }
        if (kinds.size() == 1) {
            return kinds.get(0);
        }
        return String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1);
    }

    private static void appendRow(StringBuilder out, String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(GAP);
            }
            line.append(pad(cells[i], widths[i], right[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String text, int width, boolean right) {
        String spaces = " ".repeat(Math.max(0, width - text.length()));
        return right ? spaces + text : text + spaces;
    }
}
