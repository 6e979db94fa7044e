package kz.btcom.fs.subscriber;

import java.sql.SQLException;

/** Database failures as one line for a log or a start-up error: no stack, no server-side detail. */
final class Failures {

    private static final int MAX_LENGTH = 400;

    private Failures() {
    }

    /**
     * The failure's own message, with what caused it when that says more. PostgreSQL's "Detail:" lines are
     * dropped: for a refused row they repeat its values, PIN hash included.
     */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        // Pool wrappers ("Failed to initialize pool: ...") repeat their cause's message.
        while (shown.getCause() != null && shown.getMessage() != null && shown.getCause().getMessage() != null
                && shown.getMessage().endsWith(shown.getCause().getMessage())) {
            shown = shown.getCause();
        }
        StringBuilder text = new StringBuilder(firstLine(shown));
        Throwable root = rootCause(shown);
        if (root != shown && root.getMessage() != null && !text.toString().contains(root.getMessage())) {
            text.append(" (").append(root.getClass().getSimpleName()).append(": ").append(firstLine(root))
                    .append(')');
        }
        if (shown instanceof SQLException sql && sql.getSQLState() != null) {
            text.append(" [SQLState ").append(sql.getSQLState()).append(']');
        }
        return text.length() <= MAX_LENGTH ? text.toString() : text.substring(0, MAX_LENGTH - 3) + "...";
    }

    /** The whole message on one line (Flyway writes several). */
    static String oneLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
