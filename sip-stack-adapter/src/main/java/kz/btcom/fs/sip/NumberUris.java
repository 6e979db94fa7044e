package kz.btcom.fs.sip;

import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import java.text.ParseException;

/**
 * Telephone numbers the B2BUA writes itself (a forwarding target, a diverting user, an identified caller), all in
 * one form, so the core sees the same number the same way in the Request-URI, From, P-Asserted-Identity,
 * History-Info and Diversion: {@code sip:+77272777888@<core host>;user=phone}.
 */
final class NumberUris {

    private final AddressFactory addresses;
    private final String host;

    NumberUris(AddressFactory addresses, String coreHost) {
        this.addresses = addresses;
        this.host = coreHost.contains(":") && !coreHost.startsWith("[") ? "[" + coreHost + "]" : coreHost;
    }

    SipURI of(String number) throws ParseException {
        SipURI uri = addresses.createSipURI(number, host);
        uri.setUserParam("phone");
        return uri;
    }
}
