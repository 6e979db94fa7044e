package kz.btcom.fs.sip;

import gov.nist.javax.sip.address.SipUri;
import kz.btcom.fs.call.ReferRequest;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ReferToHeader;
import javax.sip.message.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads an in-dialog REFER into what the services are shown of it (RFC 3515, 3891, 3892). */
final class ReferReader {

    private ReferReader() {
    }

    /** Empty when the REFER has no Refer-To the stack could read: such a REFER goes on unseen, as it always did. */
    static Optional<ReferRequest> read(Request refer) {
        if (!(refer.getHeader(ReferToHeader.NAME) instanceof ReferToHeader referTo) || referTo.getAddress() == null) {
            return Optional.empty();
        }
        URI uri = (URI) referTo.getAddress().getURI().clone();
        Optional<String> replaces = Optional.empty();
        if (uri instanceof SipURI sip) {
            String escaped = sip.getHeader("Replaces");
            if (escaped != null) {
                replaces = Optional.of(unescape(escaped));
            }
            if (sip instanceof SipUri nist) {
                nist.removeHeaders();
            }
        }
        return Optional.of(new ReferRequest(uri.toString(), referredBy(refer.getHeader("Referred-By")), replaces));
    }

    private static Optional<String> referredBy(Header header) {
        if (header == null) {
            return Optional.empty();
        }
        if (header instanceof HeaderAddress address && address.getAddress() != null) {
            return Optional.of(address.getAddress().getURI().toString());
        }
        String text = header.toString();
        String value = text.substring(text.indexOf(':') + 1).trim();
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        return Optional.of(open >= 0 && close > open ? value.substring(open + 1, close) : value);
    }

    /** URI header values are %-escaped (RFC 3261 25.1); a '+' is a plus, not a space as in a form. */
    static String unescape(String escaped) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()
                    && Character.digit(escaped.charAt(i + 1), 16) >= 0
                    && Character.digit(escaped.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(escaped.charAt(i + 1), 16) * 16
                        + Character.digit(escaped.charAt(i + 2), 16));
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < escaped.length() ? i + 2 : i + 1;
                byte[] raw = escaped.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
