package kz.btcom.fs.billing.rating;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of an RFC 4180 CSV text, one at a time: fields separated by commas, rows by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes. A byte-order mark at the start is skipped; an empty line
 * is a row of one empty field.
 */
final class CsvRowReader {

    /** Thrown for text that is not CSV; the reader's owner adds the file. */
    static final class Malformed extends Exception {
        final long line;

        Malformed(long line, String problem) {
            super(problem, null, false, false);
            this.line = line;
        }
    }

    private final Reader in;
    private long line = 1;
    private long rowLine;
    private int pushedBack = -2;
    private boolean started;

    /** {@code in} should be buffered: it is read a character at a time. */
    CsvRowReader(Reader in) {
        this.in = in;
    }

    /** The line the last row returned started on (1 for the first). */
    long rowLine() {
        return rowLine;
    }

    /** The next row's fields; null at the end of the text. */
    List<String> next() throws IOException, Malformed {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c < 0) {
            return null;
        }
        rowLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        while (true) {
            if (c == '"' && field.isEmpty()) {
                c = quoted(field);
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (c == '"') {
                        throw new Malformed(line, "a quote inside a field that does not start with one");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    unread(after);
                }
                line++;
            } else if (c == '\n') {
                line++;
            }
            return fields;
        }
    }

    /** Reads a quoted field after its opening quote; returns the character after the closing one. */
    private int quoted(StringBuilder field) throws IOException, Malformed {
        long opened = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new Malformed(opened, "a quoted field is not closed");
            }
            if (c == '"') {
                int after = read();
                if (after == '"') {
                    field.append('"');
                    continue;
                }
                if (after >= 0 && after != ',' && after != '\n' && after != '\r') {
                    throw new Malformed(line, "text after the closing quote of a field");
                }
                return after;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
