package kz.btcom.fs.billing.export;

/**
 * Where the export stands, as last committed: every journal entry up to and including {@code lastIndex} has its
 * records in the CSV files, and {@code file}, the newest of them, is exactly {@code length} bytes long. Anything
 * beyond that (a longer file, a newer file) was written after the commit and is dropped on restart.
 *
 * @param lastIndex the journal index of the last entry exported, {@link #NONE} before the first
 * @param file      the newest CSV file's name, null before the first
 * @param length    its length in bytes
 */
public record ExportPosition(long lastIndex, String file, long length) {

    /** The {@code lastIndex} of an export that has not exported anything yet. */
    public static final long NONE = -1;

    /** Nothing exported yet. */
    public static final ExportPosition START = new ExportPosition(NONE, null, 0);

    public ExportPosition {
        if (lastIndex < NONE) {
            throw new IllegalArgumentException("lastIndex " + lastIndex);
        }
        if (length < 0 || (file == null && length != 0)) {
            throw new IllegalArgumentException("file " + file + " length " + length);
        }
        if (file != null && OutputFiles.dayOf(file) == null) {
            throw new IllegalArgumentException("not a CSV file of the export: " + file);
        }
    }

    public boolean atStart() {
        return lastIndex == NONE;
    }
}
