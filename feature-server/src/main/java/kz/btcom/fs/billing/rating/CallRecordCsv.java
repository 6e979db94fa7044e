package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.numbering.NumberClass;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the call records of the billing export's CSV files: a header row naming the columns, then one record a
 * row. Columns are found by name, in any order; {@link #ICID}, {@link #KIND} and {@link #FEATURE} are read when
 * present, other columns beyond {@link #COLUMNS} are ignored. Times are ISO-8601
 * (UTC, e.g. 2026-11-01T00:30:00.250Z); an empty {@code answer} is a call never answered and an empty
 * {@code class} a number the numbering plan could not place; money is a decimal string with at most 2 decimals.
 * Blank lines are skipped. Records are streamed, so a month's export need not fit in memory.
 */
public final class CallRecordCsv {

    /** The columns every file must have. */
    public static final List<String> COLUMNS = List.of("callId", "caller", "chargedParty", "called", "class",
            "start", "answer", "end", "billedSeconds", "tariff", "cost", "vat", "currency");
    /**
     * The call's charging identifier: read when the file has it (exports before issue 11 have not; an empty field
     * is a call journaled before icids were kept).
     */
    public static final String ICID = "icid";
    /**
     * What a line is, {@code call} or {@code fee}, and the fee's name: read when the file has them. A fee's line
     * needs a feature; a call's has none. Without them a line is a fee's when its tariff is {@code fee <name>} with
     * no class, no answer and 0 billed seconds (the fees a day's file begun before the columns was finished with).
     */
    public static final String KIND = "kind";
    public static final String FEATURE = "feature";
    private static final List<String> OPTIONAL = List.of(ICID, KIND, FEATURE);

    private CallRecordCsv() {
    }

    /** Reads every record of a file, in order, into {@code sink}. */
    public static void read(Path file, Consumer<CallRecord> sink) throws IOException, CsvFormatException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(in, file.toString(), sink);
        }
    }

    /** Every record of a file. */
    public static List<CallRecord> readAll(Path file) throws IOException, CsvFormatException {
        List<CallRecord> records = new ArrayList<>();
        read(file, records::add);
        return records;
    }

    /**
     * Reads every record of a CSV text into {@code sink}; problems name {@code source} and the line.
     *
     * @param in read a character at a time: buffer it
     */
    public static void read(Reader in, String source, Consumer<CallRecord> sink)
            throws IOException, CsvFormatException {
        CsvRowReader rows = new CsvRowReader(in);
        try {
            List<String> header = rows.next();
            if (header == null) {
                throw new CsvFormatException(source, 1, "is empty; it needs a header row "
                        + String.join(",", COLUMNS));
            }
            int[] index = columns(header, source, rows.rowLine());
            for (List<String> row = rows.next(); row != null; row = rows.next()) {
                if (row.size() == 1 && row.get(0).isEmpty()) {
                    continue;
                }
                if (row.size() != header.size()) {
                    throw new CsvFormatException(source, rows.rowLine(),
                            row.size() + " fields, but the header has " + header.size());
                }
                sink.accept(record(row, index, source, rows.rowLine()));
            }
        } catch (CsvRowReader.Malformed e) {
            throw new CsvFormatException(source, e.line, e.getMessage());
        }
    }

    private static int[] columns(List<String> header, String source, long line) throws CsvFormatException {
        Map<String, Integer> positions = new HashMap<>();
        Set<String> twice = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            if (positions.putIfAbsent(header.get(i).strip(), i) != null) {
                twice.add(header.get(i).strip());
            }
        }
        int[] index = new int[COLUMNS.size() + OPTIONAL.size()];
        for (int i = 0; i < OPTIONAL.size(); i++) {
            if (twice.contains(OPTIONAL.get(i))) {
                throw new CsvFormatException(source, line, "the column " + OPTIONAL.get(i) + " appears twice");
            }
            index[COLUMNS.size() + i] = positions.getOrDefault(OPTIONAL.get(i), -1);
        }
        if ((index[COLUMNS.size() + 1] < 0) != (index[COLUMNS.size() + 2] < 0)) {
            throw new CsvFormatException(source, line, "the columns " + KIND + " and " + FEATURE
                    + " come together: one without the other");
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            Integer position = positions.get(COLUMNS.get(i));
            if (position == null) {
                throw new CsvFormatException(source, line, "no column " + COLUMNS.get(i)
                        + " (a header of " + String.join(",", COLUMNS) + " is needed)");
            }
            if (twice.contains(COLUMNS.get(i))) {
                throw new CsvFormatException(source, line, "the column " + COLUMNS.get(i) + " appears twice");
            }
            index[i] = position;
        }
        return index;
    }

    private static CallRecord record(List<String> row, int[] index, String source, long line)
            throws CsvFormatException {
        Fields f = new Fields(row, index, source, line);
        String className = f.text(4, true);
        NumberClass numberClass = null;
        if (!className.isEmpty()) {
            numberClass = NumberClass.ofJsonName(className)
                    .orElseThrow(() -> f.problem(4, "\"" + className + "\" is not a class (local, national,"
                            + " mobile, international, information, emergency, service)"));
        }
        String feature = f.feature();
        try {
            return new CallRecord(f.text(0, false), f.text(1, false), f.text(2, false), f.text(3, false),
                    numberClass, f.instant(5, false), f.instant(6, true), f.instant(7, false), f.seconds(8),
                    f.text(9, false), f.money(10), f.money(11), f.text(12, false), f.icid(), feature);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(source, line, e.getMessage());
        }
    }

    /** The fields of one row, by their position in {@link #COLUMNS}. */
    private record Fields(List<String> row, int[] index, String source, long line) {

        String text(int column, boolean mayBeEmpty) throws CsvFormatException {
            String value = row.get(index[column]);
            if (!mayBeEmpty && value.isEmpty()) {
                throw problem(column, "is empty");
            }
            return value;
        }

        /** An instant; null when empty and allowed to be. */
        Instant instant(int column, boolean mayBeEmpty) throws CsvFormatException {
            String value = text(column, mayBeEmpty);
            if (value.isEmpty()) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw problem(column, "\"" + value + "\" is not an ISO-8601 UTC time such as 2026-11-01T00:30:00Z");
            }
        }

        long seconds(int column) throws CsvFormatException {
            String value = text(column, false);
            if (!value.matches("[0-9]{1,12}")) {
                throw problem(column, "\"" + value + "\" is not a whole number of seconds");
            }
            return Long.parseLong(value);
        }

        BigDecimal money(int column) throws CsvFormatException {
            String value = text(column, false);
            if (!value.matches("-?[0-9]+(\\.[0-9]+)?")) {
                throw problem(column, "\"" + value + "\" is not a decimal amount such as 12.50");
            }
            return Money.exact(new BigDecimal(value))
                    .orElseThrow(() -> problem(column, "\"" + value + "\" has fractions of a tiyn"));
        }

        /** Null when the file has no icid column or the field is empty. */
        String icid() {
            int at = index[COLUMNS.size()];
            return at < 0 || row.get(at).isEmpty() ? null : row.get(at);
        }

        /**
         * The fee's name on a fee's line; null on a call's line. A file without the kind column is an export's
         * from before fees, or one such a release began and a later one finished that day (fees and all): there a
         * fee's line is known by its tariff, "fee " and the name, which no call's tariff starts with.
         */
        String feature() throws CsvFormatException {
            int kindAt = index[COLUMNS.size() + 1];
            if (kindAt < 0) {
                String tariff = text(9, false);
                boolean fee = tariff.startsWith(CallRecord.FEE_TARIFF_PREFIX) && text(4, true).isEmpty()
                        && text(6, true).isEmpty() && text(8, false).equals("0");
                return fee ? tariff.substring(CallRecord.FEE_TARIFF_PREFIX.length()) : null;
            }
            String kind = row.get(kindAt);
            String feature = row.get(index[COLUMNS.size() + 2]);
            switch (kind) {
                case "call":
                    if (!feature.isEmpty()) {
                        throw new CsvFormatException(source, line, FEATURE + ": \"" + feature
                                + "\" on a call's line (kind call); only a fee has a feature");
                    }
                    return null;
                case "fee":
                    if (feature.isEmpty()) {
                        throw new CsvFormatException(source, line, FEATURE + ": is empty on a fee's line");
                    }
                    return feature;
                default:
                    throw new CsvFormatException(source, line, KIND + ": \"" + kind + "\" is not call or fee");
            }
        }

        CsvFormatException problem(int column, String problem) {
            return new CsvFormatException(source, line, COLUMNS.get(column) + ": " + problem);
        }
    }
}
