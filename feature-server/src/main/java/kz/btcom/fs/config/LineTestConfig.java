package kz.btcom.fs.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code lineTest} section: technicians' test calls to a subscriber's line.
 *
 * @param callerNumber who the test call is from, in E.164 with '+' (the service desk): what the line's display shows
 */
public record LineTestConfig(String callerNumber) {

    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** BTcom's Almaty service desk, an operator service number of the numbering plan. */
    public static final LineTestConfig DEFAULTS = new LineTestConfig("+77272777888");

    public LineTestConfig {
        Objects.requireNonNull(callerNumber, "callerNumber");
        if (!E164.matcher(callerNumber).matches()) {
            throw new IllegalArgumentException("callerNumber " + callerNumber + " is not E.164 with '+'");
        }
    }
}
