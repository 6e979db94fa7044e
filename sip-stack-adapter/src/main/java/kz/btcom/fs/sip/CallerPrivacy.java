package kz.btcom.fs.sip;

import kz.btcom.fs.call.Presentation;

import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one onward leg may carry about the caller, besides From, P-Asserted-Identity and Privacy
 * ({@link CallerIdentity}). When the caller is withheld from the callee, a UA's number turns up in many places
 * (Contact, Remote-Party-ID, P-Preferred-Identity, Call-Info, a Subject, the SDP origin), so the leg keeps no header
 * that shows the caller, and no free-text header or SDP line that contains the caller's number in any of the forms
 * the INVITE gave it. Applied to the onward INVITE and to every request the caller sends on in the call.
 */
final class CallerPrivacy {

    /** The leg names the caller as it pleases: everything passes. */
    static final CallerPrivacy OPEN = new CallerPrivacy(false, false, List.of());

    /** Where the INVITE names the caller. */
    private static final List<String> IDENTITY_HEADERS = List.of("From", SetupReader.P_ASSERTED_IDENTITY,
            "P-Preferred-Identity", "Remote-Party-ID", "Contact", "Reply-To");
    /** Headers about the callee's side: the diversions and the called party, whose numbers must stay. */
    private static final Set<String> CALLEE_SIDE = Set.of("p-called-party-id", "history-info", "diversion");
    /** Headers whose purpose is to show or reach the caller (most of them are RFC 3323's header-privacy list). */
    private static final Set<String> SHOW_THE_CALLER = Set.of("call-info", "reply-to", "organization",
            "in-reply-to", "referred-by", "remote-party-id", "p-preferred-identity");
    /** Headers for the trusted network only: gone too when even the network is not to be told. */
    private static final Set<String> NETWORK_ONLY = Set.of("p-asserted-identity", "p-access-network-info");
    /** SDP lines that may carry a user's name or number; o= only through its username. */
    private static final Pattern FREE_TEXT_SDP = Pattern.compile("^[siuep]=.*");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6,}");
    /** Enough of a number to recognise it in national or local form, not so little it matches anything. */
    private static final int SIGNIFICANT_DIGITS = 7;

    private final boolean withheld;
    private final boolean anonymous;
    private final List<String> callerDigits;

    private CallerPrivacy(boolean withheld, boolean anonymous, List<String> callerDigits) {
        this.withheld = withheld;
        this.anonymous = anonymous;
        this.callerDigits = callerDigits;
    }

    static CallerPrivacy of(Request incoming, Presentation presentation) {
        if (!CallerIdentity.withholds(presentation)) {
            return OPEN;
        }
        return new CallerPrivacy(true, presentation instanceof Presentation.Anonymous, callerDigits(incoming));
    }

    /** Whether this header, from the caller's side, may go on the leg as it is. */
    boolean passes(Header header) {
        if (!withheld) {
            return true;
        }
        String name = header.getName().toLowerCase(Locale.ROOT);
        if (CALLEE_SIDE.contains(name) || name.equals("privacy")) {
            return true;
        }
        if (SHOW_THE_CALLER.contains(name)) {
            return false;
        }
        if (NETWORK_ONLY.contains(name)) {
            return !anonymous; // withheld in the network only: the trusted network keeps what it may know
        }
        return !namesCaller(header.toString());
    }

    /** Copies every value of the named headers that {@link #passes}. */
    void copyHeaders(Message from, Message to, Iterable<String> names) {
        for (String name : names) {
            ListIterator<?> values = from.getHeaders(name);
            while (values.hasNext()) {
                Header header = (Header) values.next();
                if (passes(header)) {
                    to.addHeader((Header) header.clone());
                }
            }
        }
    }

    /** Copies the body; an SDP from a withheld caller loses what names the caller (the origin's username first). */
    void copyBody(Message from, Message to) throws ParseException {
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (!withheld || type == null || !SipMessages.hasBody(from)
                || !"application".equalsIgnoreCase(type.getContentType())
                || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            SipMessages.copyBody(from, to);
            return;
        }
        to.setContent(withoutCaller(new String(from.getRawContent(), StandardCharsets.UTF_8)),
                (ContentTypeHeader) type.clone());
    }

    /**
     * The SDP with the caller taken out. The change is the same on every offer of the call (re-INVITE, UPDATE),
     * so the origin stays one session to the callee (RFC 3264 8: o= may only change its version).
     */
    String withoutCaller(String sdp) {
        StringBuilder out = new StringBuilder(sdp.length());
        for (String line : sdp.split("(?<=\n)")) {
            String content = line.stripTrailing();
            if (!namesCaller(content)) {
                out.append(line);
            } else if (content.startsWith("o=")) {
                int space = content.indexOf(' ');
                out.append("o=-").append(space > 0 ? content.substring(space) : "").append(lineEnd(line));
            } else if (content.startsWith("s=")) {
                out.append("s=-").append(lineEnd(line));
            } else if (!FREE_TEXT_SDP.matcher(content).matches()) {
                out.append(line); // media and attributes: numbers there are ports, SSRCs, timestamps
            }
        }
        return out.toString();
    }

    private static String lineEnd(String line) {
        return line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
    }

    boolean namesCaller(String text) {
        if (callerDigits.isEmpty()) {
            return false;
        }
        String digits = text.replaceAll("\\D", "");
        for (String number : callerDigits) {
            if (digits.contains(number)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's number as the INVITE's identity headers spell it, by its last significant digits. */
    private static List<String> callerDigits(Request incoming) {
        List<String> found = new ArrayList<>();
        for (String name : IDENTITY_HEADERS) {
            for (String value : SetupReader.values(incoming, name)) {
                int close = value.lastIndexOf('>');
                // Header parameters (tags, expiry) are not the caller; what is inside <> and before it may be.
                Matcher runs = DIGIT_RUN.matcher(close >= 0 ? value.substring(0, close) : value);
                while (runs.find()) {
                    String run = runs.group();
                    String tail = run.substring(Math.max(0, run.length() - SIGNIFICANT_DIGITS));
                    if (!found.contains(tail)) {
                        found.add(tail);
                    }
                }
            }
        }
        return List.copyOf(found);
    }
}
