package kz.btcom.fs.billing.rating;

/** A CSV file that cannot be read as call records: one line naming the file, the line and the problem. */
public final class CsvFormatException extends Exception {

    public CsvFormatException(String source, long line, String problem) {
        super(source + ": line " + line + ": " + problem, null, false, false);
    }
}
