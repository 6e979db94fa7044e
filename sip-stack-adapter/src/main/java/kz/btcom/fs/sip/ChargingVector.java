package kz.btcom.fs.sip;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;

import javax.sip.header.Header;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The IMS charging identifier of a call: the {@code icid-value} of {@code P-Charging-Vector} (RFC 7315). The core
 * may send one call through the server twice (originating pass, then terminating pass) and billing must see one
 * call: the icid is what the passes share. So an INVITE's vector goes on to every onward leg as it came, never
 * through the caller's privacy (it names no party); a call that came without one gets one made here, the same on
 * every leg of the call, and the core sends that back to us on the next pass.
 */
final class ChargingVector {

    static final String HEADER = "P-Charging-Vector";
    private static final String ICID = "icid-value";

    private final SipMessages sip;
    /** {@code icid-generated-at} of the vectors made here: the server's own address. */
    private final String generatedAt;

    ChargingVector(SipMessages sip) {
        this.sip = sip;
        this.generatedAt = sip.host.contains(":") ? "[" + sip.host + "]" : sip.host;
    }

    /**
     * The {@code icid-value} of the request's vector (its quotes taken off); empty when it has no vector, or one
     * without an icid (malformed: the icid is mandatory), which is then as good as none.
     */
    static Optional<String> icidOf(Request request) {
        for (String value : SetupReader.values(request, HEADER)) {
            Optional<String> icid = icidIn(value);
            if (icid.isPresent()) {
                return icid;
            }
        }
        return Optional.empty();
    }

    /** The icid-value of one header value, {@code icid-value=abc;orig-ioi=...}. */
    static Optional<String> icidIn(String value) {
        for (String param : parameters(value)) {
            int eq = param.indexOf('=');
            if (eq > 0 && param.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(ICID)) {
                String icid = unquote(param.substring(eq + 1).strip());
                return icid.isEmpty() ? Optional.empty() : Optional.of(icid);
            }
        }
        return Optional.empty();
    }

    /**
     * A new icid: 128 random bits in hex. Unique with no coordination between servers or restarts, and a token in
     * RFC 7315's grammar, so it needs no quoting.
     */
    static String newIcid() {
        UUID random = UUID.randomUUID();
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(random.getMostSignificantBits()) + hex.toHexDigits(random.getLeastSignificantBits());
    }

    /**
     * Puts the call's vector on an onward INVITE: the incoming INVITE's as it came when it carried an icid, else
     * a new one naming {@code icid} (the call's, made when it arrived) as generated here.
     */
    void write(Request incoming, Request out, String icid) throws ParseException {
        if (icidOf(incoming).isPresent()) {
            ListIterator<?> values = incoming.getHeaders(HEADER);
            while (values.hasNext()) {
                out.addHeader((Header) ((Header) values.next()).clone());
            }
            return;
        }
        writeOwn(out, icid);
    }

    /** A vector made here: {@code icid} as generated at the server's own address. */
    void writeOwn(Request out, String icid) throws ParseException {
        out.addHeader(sip.headers.createHeader(HEADER, ICID + "=" + icid + ";icid-generated-at=" + generatedAt));
    }

    /**
     * Whether a header line, as the parser has it ({@code Name: value}), is a P-Charging-Vector. Asked of every
     * header of every message, so it allocates nothing.
     */
    static boolean isHeaderLine(String line) {
        if (!line.regionMatches(true, 0, HEADER, 0, HEADER.length())) {
            return false;
        }
        int i = HEADER.length();
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i < line.length() && line.charAt(i) == ':';
    }

    /** The header of such a line with its value exactly as received (folded lines joined). */
    static ExtensionHeaderImpl asReceived(String line) {
        String value = line.substring(line.indexOf(':') + 1).replaceAll("\\r?\\n[ \\t]+", " ").strip();
        ExtensionHeaderImpl header = new ExtensionHeaderImpl(HEADER);
        header.setValue(value);
        return header;
    }

    /** The {@code ;}-separated parts of a header value, a quoted string kept whole. */
    private static List<String> parameters(String value) {
        List<String> parts = new ArrayList<>(4);
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
