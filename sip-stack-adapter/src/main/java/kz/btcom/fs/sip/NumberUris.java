package kz.btcom.fs.sip;

import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.message.Request;
import java.text.ParseException;

/**
 * Telephone numbers the B2BUA writes itself (a forwarding target, a diverting user, an identified caller, a number
 * normalised to E.164), all in one form per call, so the core sees the same number the same way in the
 * Request-URI, From, P-Asserted-Identity, History-Info and Diversion (PRODUCT.md, "SIP interface"): a
 * {@code tel:+77272777888} URI when the call came in addressed by a {@code tel:} URI, else
 * {@code sip:+77272777888@<home domain>;user=phone}. The home domain is the operator's ({@code sip.homeDomain}),
 * never the address of whichever core node happened to send the call.
 */
final class NumberUris {

    private final AddressFactory addresses;
    private final String host;

    NumberUris(AddressFactory addresses, String homeDomain) {
        this.addresses = addresses;
        this.host = homeDomain.contains(":") && !homeDomain.startsWith("[") ? "[" + homeDomain + "]" : homeDomain;
    }

    /** {@code number} (E.164 with '+') in the form of the call {@code incoming} started. */
    URI of(Request incoming, String number) throws ParseException {
        return cameInAsTel(incoming) ? tel(number) : sip(number);
    }

    /** {@code number} as {@code sip:<number>@<home domain>;user=phone}, whatever form a call came in. */
    SipURI sip(String number) throws ParseException {
        SipURI uri = addresses.createSipURI(number, host);
        uri.setUserParam("phone");
        return uri;
    }

    private TelURL tel(String number) throws ParseException {
        return addresses.createTelURL("tel:" + number);
    }

    static boolean cameInAsTel(Request incoming) {
        return "tel".equalsIgnoreCase(incoming.getRequestURI().getScheme());
    }
}
