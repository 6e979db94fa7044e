package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.Header;
import javax.sip.message.Request;

/**
 * An INVITE with Replaces (RFC 3891) on its way through: the dialog it names is the callee's business, so the
 * header goes on with the onward INVITE as it came (a conference focus elsewhere, or this server's own focus,
 * calling a party to take the place of its call with the controller). Not when it names a dialog of a call through
 * this server: that Call-ID and those tags mean nothing beyond us, and the far end would refuse the INVITE (481)
 * or take it for a call of its own; the INVITE then goes on as a plain call, as it always did.
 */
final class ReplacesPassing {

    private static final Logger LOG = LoggerFactory.getLogger(ReplacesPassing.class);
    static final String REPLACES = "Replaces";
    static final String REFERRED_BY = "Referred-By";

    private ReplacesPassing() {
    }

    static void passOn(Request incoming, Request onward, CallRegistry registry) {
        Header replaces = incoming.getHeader(REPLACES);
        if (replaces == null) {
            return;
        }
        String text = replaces.toString();
        String value = text.substring(text.indexOf(':') + 1).trim();
        int semicolon = value.indexOf(';');
        String callId = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        if (registry.withLeg(callId) != null) {
            LOG.info("call {}: its Replaces names a dialog of a call through this server; not passed on",
                    Headers.callId(incoming));
            return;
        }
        onward.setHeader((Header) replaces.clone());
        Header referredBy = incoming.getHeader(REFERRED_BY);
        if (referredBy != null) {
            onward.setHeader((Header) referredBy.clone());
        }
    }
}
