package kz.btcom.fs.sip;

import kz.btcom.fs.call.Diversion;

import javax.sip.address.URI;
import javax.sip.header.Parameters;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;

/**
 * The diversions of a call as the onward INVITE carries them, both ways the core may read them: History-Info
 * (RFC 7044, with the RFC 4458 {@code cause} on each diverted-to entry) and Diversion (RFC 5806). Whatever the
 * core put there before the call reached us is kept: our entries continue its History-Info, and our Diversion
 * headers go above its own, the most recent first as RFC 5806 orders them.
 */
final class DiversionHeaders {

    static final String HISTORY_INFO = "History-Info";
    static final String DIVERSION = "Diversion";

    private final HeaderFactory headers;
    private final NumberUris numbers;

    DiversionHeaders(HeaderFactory headers, NumberUris numbers) {
        this.headers = headers;
        this.numbers = numbers;
    }

    /** Writes History-Info and Diversion of {@code out}: those received, then the call's own {@code diversions}. */
    void write(Request incoming, Request out, List<Diversion> diversions) throws ParseException {
        SipMessages.copyHeaders(incoming, out, List.of(HISTORY_INFO));
        if (!diversions.isEmpty()) {
            out.addHeader(headers.createHeader(HISTORY_INFO, String.join(", ", historyEntries(incoming, diversions))));
            for (int i = diversions.size() - 1; i >= 0; i--) {
                out.addHeader(headers.createHeader(DIVERSION, diversionValue(incoming, diversions.get(i))));
            }
        }
        SipMessages.copyHeaders(incoming, out, List.of(DIVERSION));
    }

    /**
     * Our hi-entries. Each diversion retargets the request to a new user, so its entry is a child of the one before
     * with {@code mp} naming that parent (RFC 7044's "mapped" retargeting): 1, 1.1, 1.1.1. The chain hangs under the entry for the
     * Request-URI we received: the core's last entry when it matches, or one we add (index=1 when there was none).
     */
    List<String> historyEntries(Request incoming, List<Diversion> diversions) throws ParseException {
        List<String> received = receivedEntries(incoming);
        String requestUri = addressedTo(incoming, diversions.get(0));
        List<String> entries = new ArrayList<>(diversions.size() + 1);
        String index;
        if (received.isEmpty()) {
            index = "1";
            entries.add("<" + requestUri + ">;index=" + index);
        } else {
            String last = received.get(received.size() - 1);
            index = indexOf(last).orElse(Integer.toString(received.size()));
            if (!sameUser(uriOf(last), requestUri)) {
                index = index + ".1";
                entries.add("<" + requestUri + ">;index=" + index);
            }
        }
        for (Diversion diversion : diversions) {
            String parent = index;
            index = parent + ".1";
            URI target = numbers.of(incoming, diversion.to());
            ((Parameters) target).setParameter("cause", Integer.toString(diversion.reason().cause()));
            entries.add("<" + target + ">;index=" + index + ";mp=" + parent);
        }
        return entries;
    }

    /**
     * The URI the call was addressed to, as the first entry of our chain names it: the Request-URI received, or, when
     * that named the diverting user in a dialled form (a local number, {@code 8 727 ...}) that the services
     * normalised, the same user as an E.164 number URI, so the chain reads the same whichever form was dialled.
     */
    private String addressedTo(Request incoming, Diversion first) throws ParseException {
        String received = incoming.getRequestURI().toString();
        String user = userOf(received);
        if (user.equals(first.from())) {
            return received;
        }
        return numbers.of(incoming, first.from()).toString();
    }

    private String diversionValue(Request incoming, Diversion diversion) throws ParseException {
        return "<" + numbers.of(incoming, diversion.from()) + ">;reason=" + diversion.reason().diversionReason() + ";counter=1";
    }

    /** Every hi-entry received, in order, whether they came as one header line or several. */
    static List<String> receivedEntries(Request incoming) {
        List<String> entries = new ArrayList<>();
        ListIterator<?> lines = incoming.getHeaders(HISTORY_INFO);
        while (lines.hasNext()) {
            String text = ((Header) lines.next()).toString();
            entries.addAll(splitEntries(text.substring(text.indexOf(':') + 1).trim()));
        }
        return entries;
    }

    /** Splits a header value at the commas between entries, not those inside a URI or a quoted string. */
    static List<String> splitEntries(String value) {
        List<String> entries = new ArrayList<>();
        boolean inUri = false;
        boolean inQuotes = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && !inUri && (i == 0 || value.charAt(i - 1) != '\\')) {
                inQuotes = !inQuotes;
            } else if (c == '<' && !inQuotes) {
                inUri = true;
            } else if (c == '>' && !inQuotes) {
                inUri = false;
            } else if (c == ',' && !inUri && !inQuotes) {
                addIfNotBlank(entries, value.substring(start, i));
                start = i + 1;
            }
        }
        addIfNotBlank(entries, value.substring(start));
        return entries;
    }

    private static void addIfNotBlank(List<String> entries, String entry) {
        if (!entry.isBlank()) {
            entries.add(entry.trim());
        }
    }

    private static java.util.Optional<String> indexOf(String entry) {
        int close = entry.lastIndexOf('>');
        for (String param : entry.substring(close + 1).split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("index")) {
                String value = param.substring(eq + 1).trim();
                if (value.matches("\\d+(\\.\\d+)*")) {
                    return java.util.Optional.of(value);
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String uriOf(String entry) {
        int open = entry.indexOf('<');
        int close = entry.indexOf('>', open + 1);
        return open >= 0 && close > open ? entry.substring(open + 1, close) : entry;
    }

    /** Whether two URIs name the same user: their user parts (or tel: numbers), ignoring host and parameters. */
    private static boolean sameUser(String a, String b) {
        return userOf(a).equals(userOf(b));
    }

    private static String userOf(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        int at = rest.indexOf('@');
        String user = at >= 0 ? rest.substring(0, at) : rest;
        int semicolon = user.indexOf(';');
        return (semicolon >= 0 ? user.substring(0, semicolon) : user).toLowerCase(Locale.ROOT);
    }
}
