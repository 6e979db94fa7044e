package kz.btcom.fs.admin.subscribers;

import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.numbering.NumberingPlan;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static kz.btcom.fs.admin.subscribers.JsonFields.quoted;

/**
 * {@code ?prefix=&limit=&after=} of the subscriber list. A '+' written as is in a query string arrives as a space
 * (form encoding), so a leading space counts as the '+' it was.
 *
 * @param prefix an E.164 prefix with '+', or "" for every number
 * @param after  the E.164 number the page starts after, or "" for the first page
 */
record ListQuery(String prefix, int limit, String after) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String PREFIX = "prefix";
    private static final String LIMIT = "limit";
    private static final String AFTER = "after";
    private static final Set<String> KNOWN = Set.of(PREFIX, LIMIT, AFTER);
    private static final int MAX_E164_DIGITS = 15;

    static ListQuery of(Map<String, List<String>> query, NumberingPlan numbering) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!KNOWN.contains(parameter.getKey())) {
                throw RequestRejected.badRequest("unknown query parameter " + quoted(parameter.getKey())
                        + "; this call takes prefix, limit and after");
            }
            if (parameter.getValue().size() > 1) {
                throw RequestRejected.badRequest(parameter.getKey() + " is given more than once");
            }
        }
        return new ListQuery(prefix(single(query, PREFIX)), limit(single(query, LIMIT)),
                after(single(query, AFTER), numbering));
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).strip();
    }

    private static String prefix(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.length() > MAX_E164_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestRejected.badRequest(PREFIX + ": " + quoted(text)
                    + " is not the start of an E.164 number (digits, with or without +)");
        }
        return digits.isEmpty() ? "" : "+" + digits;
    }

    private static int limit(String text) {
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        long limit;
        try {
            limit = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw RequestRejected.badRequest(LIMIT + ": " + quoted(text) + " is not a whole number");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RequestRejected.badRequest(LIMIT + ": " + limit + " is out of range 1-" + MAX_LIMIT);
        }
        return (int) limit;
    }

    private static String after(String text, NumberingPlan numbering) {
        if (text.isEmpty()) {
            return "";
        }
        return numbering.toE164(text).orElseThrow(() ->
                RequestRejected.badRequest(AFTER + ": " + quoted(text) + " is not a telephone number"));
    }
}
