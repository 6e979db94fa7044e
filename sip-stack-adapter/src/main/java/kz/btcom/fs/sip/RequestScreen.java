package kz.btcom.fs.sip;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a request that parsed but that the server cannot take (RFC 3261 8.2.2, 8.2.3), in the RFC's order:
 * answered before any transaction or call is spent on it. Applies to initial INVITEs and to OPTIONS out of
 * dialog (the core's keep-alive should fail the same way an INVITE would).
 *
 * <pre>
 * Request-URI scheme not sip/sips/tel ............ 416 Unsupported URI Scheme
 * Request-URI with headers (?Route=...) ........... 400 (never forwarded, never made into headers; RFC 4475 escruri)
 * Require with an option tag not supported ........ 420 Bad Extension, Unsupported: the tags
 * INVITE body neither SDP nor multipart/mixed ...... 415 Unsupported Media Type, Accept: application/sdp
 * INVITE whose Accept excludes application/sdp ..... 406 Not Acceptable, Warning: 399 (no answer can be given)
 * </pre>
 */
final class RequestScreen {

    /**
     * Option tags the B2BUA supports by relaying them end to end: 100rel (PRACK is relayed), timer (RFC 4028:
     * Session-Expires goes both ways and the refreshing re-INVITE/UPDATE is relayed) and precondition (RFC 3312:
     * the offer/answer in reliable 183s, PRACK and UPDATE is relayed). Refusing them would break calls from IMS
     * terminals and cores that require them.
     */
    private static final Set<String> SUPPORTED_OPTIONS = Set.of("100rel", "timer", "precondition");
    /**
     * Bodies an INVITE may carry, as type/subtype pairs: the offer, or the offer with other parts (SIP-I ISUP),
     * relayed as they are.
     */
    private static final String[][] ACCEPTED_BODIES = {{"application", "sdp"}, {"multipart", "mixed"}};

    /** A refusal: status, optional reason phrase, and optionally one header to add (e.g. Unsupported). */
    record Refusal(int status, String reason, String headerName, String headerValue) {
    }

    Optional<Refusal> check(Request request) {
        URI target = request.getRequestURI();
        String scheme = target.getScheme();
        if (!"sip".equalsIgnoreCase(scheme) && !"sips".equalsIgnoreCase(scheme) && !"tel".equalsIgnoreCase(scheme)) {
            return refuse(Response.UNSUPPORTED_URI_SCHEME, null, null, null);
        }
        if (target instanceof SipURI sip && sip.getHeaderNames().hasNext()) {
            return refuse(Response.BAD_REQUEST, "Headers in Request-URI", null, null);
        }
        String unsupported = unsupportedRequired(request);
        if (unsupported != null) {
            return refuse(Response.BAD_EXTENSION, null, "Unsupported", unsupported);
        }
        if (!Request.INVITE.equals(request.getMethod())) {
            return Optional.empty();
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (SipMessages.hasBody(request) && !isAccepted(type)) {
            return refuse(Response.UNSUPPORTED_MEDIA_TYPE, null, "Accept", "application/sdp");
        }
        if (!acceptsSdp(request)) {
            return refuse(Response.NOT_ACCEPTABLE, null, "Warning",
                    "399 feature-server \"only an application/sdp answer can be given\"");
        }
        return Optional.empty();
    }

    /** The Require option tags the server does not support, comma-separated; null if none. */
    private static String unsupportedRequired(Request request) {
        StringBuilder unsupported = null;
        ListIterator<?> required = request.getHeaders(RequireHeader.NAME);
        while (required != null && required.hasNext()) {
            String tag = ((RequireHeader) required.next()).getOptionTag();
            if (!SUPPORTED_OPTIONS.contains(tag.toLowerCase(Locale.ROOT))) {
                unsupported = unsupported == null ? new StringBuilder(tag) : unsupported.append(", ").append(tag);
            }
        }
        return unsupported == null ? null : unsupported.toString();
    }

    /** RFC 3261 20.1: no Accept means application/sdp; an Accept list must name it (or a wildcard over it). */
    private static boolean acceptsSdp(Request request) {
        ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        if (accepts == null || !accepts.hasNext()) {
            return true;
        }
        while (accepts.hasNext()) {
            AcceptHeader accept = (AcceptHeader) accepts.next();
            String type = accept.getContentType();
            String subType = accept.getContentSubType();
            if (type == null || "*".equals(type) || "application".equalsIgnoreCase(type)
                    && ("*".equals(subType) || "sdp".equalsIgnoreCase(subType))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAccepted(ContentTypeHeader type) {
        if (type == null) {
            return false;
        }
        for (String[] accepted : ACCEPTED_BODIES) {
            if (accepted[0].equalsIgnoreCase(type.getContentType())
                    && accepted[1].equalsIgnoreCase(type.getContentSubType())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> refuse(int status, String reason, String headerName, String headerValue) {
        return Optional.of(new Refusal(status, reason, headerName, headerValue));
    }
}
