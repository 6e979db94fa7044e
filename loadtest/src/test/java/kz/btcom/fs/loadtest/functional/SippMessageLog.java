package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIPp's {@code -trace_msg} file read back: every message it received or sent, with the time SIPp stamped on it
 * (its own clock, to the microsecond). Each entry starts with a line of dashes and the time, then "UDP message
 * received [N] bytes :" or "UDP message sent (N bytes):", then the message.
 */
final class SippMessageLog {

    private static final String SEPARATOR = "-----------------------------------------------";
    /** The time as seconds.microseconds since the epoch, when SIPp writes it (3.6 does, after the local time). */
    private static final Pattern EPOCH = Pattern.compile("\\b(\\d{10})\\.(\\d{6})\\b");
    /** Else the local date and time. */
    private static final Pattern LOCAL = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\s+(\\d{2}:\\d{2}:\\d{2}\\.\\d{6})");
    private static final Pattern REQUEST_URI_NUMBER = Pattern.compile("^[A-Z]+ [a-z]+:\\+?([0-9]+)[@;]");

    /** One message as SIPp logged it. */
    record Message(Instant at, boolean received, String text) {

        String firstLine() {
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).strip();
        }

        boolean isRequest(String method) {
            return firstLine().startsWith(method + " ");
        }

        /** A header's value (the first of that name; the compact form counts), without surrounding blanks. */
        Optional<String> header(String name) {
            String compact = COMPACT.getOrDefault(name.toLowerCase(Locale.ROOT), "");
            for (String line : text.split("\r?\n")) {
                if (line.isBlank()) {
                    break; // the body follows
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    if (field.equals(name.toLowerCase(Locale.ROOT)) || field.equals(compact)) {
                        return Optional.of(line.substring(colon + 1).strip());
                    }
                }
            }
            return Optional.empty();
        }

        /** The Request-URI's user as digits (a leading '+' dropped), for a request to a number. */
        Optional<String> requestUriNumber() {
            Matcher number = REQUEST_URI_NUMBER.matcher(firstLine());
            return number.find() ? Optional.of(number.group(1)) : Optional.empty();
        }
    }

    private static final Map<String, String> COMPACT = Map.of("call-id", "i", "from", "f", "to", "t", "via", "v",
            "contact", "m");

    private SippMessageLog() {
    }

    static List<Message> read(Path file) throws IOException {
        List<Message> messages = new ArrayList<>();
        String[] entries = Files.readString(file, StandardCharsets.ISO_8859_1).split("(?m)^" + SEPARATOR + "-* ?");
        for (String entry : entries) {
            int stampEnd = entry.indexOf('\n');
            if (entry.isBlank() || stampEnd < 0) {
                continue;
            }
            Instant at = parseTime(entry.substring(0, stampEnd));
            int headingEnd = entry.indexOf('\n', stampEnd + 1);
            String heading = entry.substring(stampEnd + 1, headingEnd < 0 ? entry.length() : headingEnd);
            boolean received = heading.contains("message received");
            if (!received && !heading.contains("message sent")) {
                throw new IllegalStateException("not a SIPp message entry in " + file + ": " + heading);
            }
            String text = headingEnd < 0 ? "" : entry.substring(headingEnd + 1).replaceFirst("^\\s+", "");
            messages.add(new Message(at, received, text));
        }
        return messages;
    }

    /**
     * The first arrival of each call's INVITE (by Call-ID: a retransmission is not a call of its own) whose
     * P-Asserted-Identity names {@code callerNumber}, in the order they arrived.
     */
    static List<Message> invitesFrom(Path file, String callerNumber) throws IOException {
        Map<String, Message> byCall = new LinkedHashMap<>();
        for (Message message : read(file)) {
            if (message.received() && message.isRequest("INVITE")
                    && message.header("P-Asserted-Identity").orElse("").contains(callerNumber)) {
                String callId = message.header("Call-ID").orElseThrow(
                        () -> new IllegalStateException("an INVITE without Call-ID:\n" + message.text()));
                byCall.putIfAbsent(callId, message);
            }
        }
        return new ArrayList<>(byCall.values());
    }

    private static Instant parseTime(String stamp) {
        Matcher epoch = EPOCH.matcher(stamp);
        if (epoch.find()) {
            return Instant.ofEpochSecond(Long.parseLong(epoch.group(1)), Long.parseLong(epoch.group(2)) * 1000);
        }
        Matcher local = LOCAL.matcher(stamp);
        if (local.find()) {
            return LocalDateTime.parse(local.group(1) + "T" + local.group(2)).atZone(ZoneId.systemDefault())
                    .toInstant();
        }
        throw new IllegalStateException("no time in SIPp's message log line: " + stamp);
    }
}
