package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPRequest;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.ExplicitSessionCase;
import kz.btcom.fs.call.Privacy;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.call.TrunkOrigin;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;

/** Reads an initial INVITE into the feature server's {@link CallSetup}: the one place SIP headers become domain. */
final class SetupReader {

    static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
    static final String P_SERVED_USER = "P-Served-User";
    static final String PRIVACY = "Privacy";

    private final Clock clock;

    SetupReader(Clock clock) {
        this.clock = clock;
    }

    CallSetup read(Request invite) {
        SipIdentity from = identityOf(((HeaderAddress) invite.getHeader("From")).getAddress());
        SipIdentity caller = assertedIdentity(invite).orElse(from);
        SipIdentity called = identityOf(invite.getRequestURI(), "");
        return new CallSetup(
                ((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId(),
                caller, from, called,
                explicitCase(invite, caller),
                Privacy.parse(values(invite, PRIVACY)),
                trunkOf(invite),
                clock.instant(),
                SipMessages.hasBody(invite),
                ChargingVector.icidOf(invite).orElseGet(ChargingVector::newIcid));
    }

    private static Optional<SipIdentity> assertedIdentity(Request invite) {
        // Several P-Asserted-Identity values may come (a sip: and a tel: one): the tel: form is the number.
        SipIdentity first = null;
        ListIterator<?> values = invite.getHeaders(P_ASSERTED_IDENTITY);
        while (values.hasNext()) {
            Object header = values.next();
            if (!(header instanceof HeaderAddress)) {
                continue;
            }
            SipIdentity identity = identityOf(((HeaderAddress) header).getAddress());
            if (identity.kind() == SipIdentity.Kind.TEL) {
                return Optional.of(identity);
            }
            if (first == null) {
                first = identity;
            }
        }
        return Optional.ofNullable(first);
    }

    private static Optional<ExplicitSessionCase> explicitCase(Request invite, SipIdentity caller) {
        RouteHeader topRoute = (RouteHeader) invite.getHeader(RouteHeader.NAME);
        if (topRoute != null && topRoute.getAddress().getURI() instanceof SipURI uri
                && uri.getParameter("orig") != null) {
            return Optional.of(new ExplicitSessionCase(SessionCase.ORIGINATING, caller,
                    ExplicitSessionCase.Source.ROUTE_ORIG));
        }
        for (String value : values(invite, P_SERVED_USER)) {
            Optional<ExplicitSessionCase> served = servedUser(value);
            if (served.isPresent()) {
                return served;
            }
        }
        return Optional.empty();
    }

    /** {@code P-Served-User: <sip:user@host>;sescase=orig;regstate=reg} (RFC 5502). */
    static Optional<ExplicitSessionCase> servedUser(String value) {
        int close = value.indexOf('>', value.indexOf('<') + 1);
        if (close < 0) {
            return Optional.empty();
        }
        String params = value.substring(close + 1).toLowerCase(Locale.ROOT).replace(" ", "");
        SessionCase sessionCase;
        if (params.contains("sescase=orig")) {
            sessionCase = SessionCase.ORIGINATING;
        } else if (params.contains("sescase=term")) {
            sessionCase = SessionCase.TERMINATING;
        } else {
            return Optional.empty();
        }
        return servedUserIdentity(value).map(identity -> new ExplicitSessionCase(sessionCase, identity,
                ExplicitSessionCase.Source.P_SERVED_USER));
    }

    /** The user a {@code P-Served-User} value names, whatever its parameters say; empty when it names none. */
    static Optional<SipIdentity> servedUserIdentity(String value) {
        int open = value.indexOf('<');
        int close = value.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        try {
            URI uri = new gov.nist.javax.sip.address.AddressFactoryImpl().createURI(value.substring(open + 1, close));
            return Optional.of(identityOf(uri, ""));
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
    }

    private static TrunkOrigin trunkOf(Request invite) {
        // RFC 4904: the originating trunk group rides on the Contact (or the caller's URI) as tgrp/trunk-context.
        String[] trunk = trunkParams(((HeaderAddress) invite.getHeader("From")).getAddress().getURI());
        ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
        if (trunk[0].isEmpty() && contact != null && contact.getAddress() != null) {
            trunk = trunkParams(contact.getAddress().getURI());
        }
        SIPRequest sipRequest = (SIPRequest) invite;
        InetAddress source = sipRequest.getPeerPacketSourceAddress() != null
                ? sipRequest.getPeerPacketSourceAddress() : sipRequest.getRemoteAddress();
        int port = sipRequest.getPeerPacketSourceAddress() != null
                ? sipRequest.getPeerPacketSourcePort() : sipRequest.getRemotePort();
        return new TrunkOrigin(trunk[0], trunk[1], source == null ? "" : source.getHostAddress(), port);
    }

    private static String[] trunkParams(URI uri) {
        String group = "";
        String context = "";
        if (uri instanceof TelURL tel) {
            group = nullToEmpty(tel.getParameter("tgrp"));
            context = nullToEmpty(tel.getParameter("trunk-context"));
        } else if (uri instanceof SipURI sip) {
            String user = nullToEmpty(sip.getUser());
            group = userParam(user, "tgrp");
            context = userParam(user, "trunk-context");
            if (group.isEmpty()) {
                group = nullToEmpty(sip.getParameter("tgrp"));
                context = nullToEmpty(sip.getParameter("trunk-context"));
            }
        }
        return new String[] {group, context};
    }

    static SipIdentity identityOf(Address address) {
        return identityOf(address.getURI(), address.getDisplayName());
    }

    static SipIdentity identityOf(URI uri, String displayName) {
        if (uri instanceof TelURL tel) {
            String number = (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
            return new SipIdentity(uri.toString(), number, "", displayName, SipIdentity.Kind.TEL,
                    tel.getPhoneContext());
        }
        if (uri instanceof SipURI sip) {
            String rawUser = nullToEmpty(sip.getUser());
            int semicolon = rawUser.indexOf(';');
            String user = unescape(semicolon < 0 ? rawUser : rawUser.substring(0, semicolon));
            SipIdentity.Kind kind = "phone".equalsIgnoreCase(sip.getUserParam())
                    ? SipIdentity.Kind.SIP_PHONE : SipIdentity.Kind.SIP;
            return new SipIdentity(uri.toString(), user, sip.getHost(), displayName, kind,
                    userParam(rawUser, "phone-context"));
        }
        return new SipIdentity(uri.toString(), "", "", displayName, SipIdentity.Kind.SIP, "");
    }

    private static String userParam(String user, String name) {
        for (String part : user.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equalsIgnoreCase(name)) {
                return unescape(part.substring(eq + 1));
            }
        }
        return "";
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static List<String> values(Request request, String name) {
        List<String> out = new ArrayList<>(1);
        ListIterator<?> headers = request.getHeaders(name);
        while (headers.hasNext()) {
            Header header = (Header) headers.next();
            String text = header.toString();
            int colon = text.indexOf(':');
            out.add((colon < 0 ? text : text.substring(colon + 1)).trim());
        }
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
