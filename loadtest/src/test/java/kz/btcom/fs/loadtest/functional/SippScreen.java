package kz.btcom.fs.loadtest.functional;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What SIPp's final screen says, for the load tests that count its calls. */
final class SippScreen {

    private SippScreen() {
    }

    /** A counter of the statistics screen: the cumulative column of its last line of that label. */
    static int count(String screen, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+\\|\\s+\\d+\\s+\\|\\s+(\\d+)").matcher(screen);
        int last = -1;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        if (last < 0) {
            throw new AssertionError("no '" + label + "' in SIPp's screen:\n" + tail(screen));
        }
        return last;
    }

    /** The end of a long output, for a failure message. */
    static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
