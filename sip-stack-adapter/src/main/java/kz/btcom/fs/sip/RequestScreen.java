package kz.btcom.fs.sip;

import javax.sip.address.URI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Optional;

/**
 * Checks an initial INVITE that parsed but that the B2BUA cannot take (RFC 3261 8.2.2): answered before any
 * transaction or call is spent on it.
 */
final class RequestScreen {

    /** A refusal: status, optional reason phrase, and optionally one header to add (e.g. Unsupported). */
    record Refusal(int status, String reason, String headerName, String headerValue) {
    }

    Optional<Refusal> check(Request invite) {
        URI target = invite.getRequestURI();
        String scheme = target.getScheme();
        if (!"sip".equalsIgnoreCase(scheme) && !"sips".equalsIgnoreCase(scheme) && !"tel".equalsIgnoreCase(scheme)) {
            return Optional.of(new Refusal(Response.UNSUPPORTED_URI_SCHEME, null, null, null));
        }
        return Optional.empty();
    }
}
