package kz.btcom.fs.sip;

import kz.btcom.fs.call.OnwardLeg;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.ListIterator;

/**
 * The INVITE of a call's outgoing leg: a new dialog (own Call-ID, From tag, branch) towards the core, carrying
 * the caller's offer and the headers the core and the callee need, shaped by the {@link OnwardLeg} the services
 * chose: the target, how the caller is presented, the diversions so far, an Alert-Info. Every leg of a call,
 * the first and each one a redirect starts, is built from the caller's original INVITE.
 */
final class OnwardInvite {

    /**
     * Headers passed from the incoming INVITE to the outgoing one as they are (if {@link CallerPrivacy} lets them).
     * From, P-Asserted-Identity and Privacy are {@link CallerIdentity}'s; History-Info and Diversion are
     * {@link DiversionHeaders}'; P-Charging-Vector is {@link ChargingVector}'s. Never Remote-Party-ID,
     * P-Preferred-Identity or the like: the caller's identity reaches the core only the ways the presentation
     * allows.
     */
    static final List<String> COPIED_HEADERS = List.of(
            "Supported", "Allow", "Accept", "P-Access-Network-Info", "P-Called-Party-ID",
            "Call-Info", "User-Agent", "Subject", "Priority",
            // Every option tag left in Require is one RequestScreen let through because the far end can honour it.
            "Require", "Session-Expires", "Min-SE");
    static final String ALERT_INFO = "Alert-Info";

    private final SipMessages sip;
    private final String coreHost;
    private final int corePort;
    private final String coreTransport;
    private final NumberUris numbers;
    private final CallerIdentity identity;
    private final DiversionHeaders diversions;
    private final ChargingVector chargingVector;
    private final int retransmitMillis;
    private final Duration timeout;

    OnwardInvite(SipMessages sip, String coreHost, int corePort, String coreTransport, String homeDomain,
                 Duration timeout) {
        this.sip = sip;
        this.coreHost = coreHost;
        this.corePort = corePort;
        this.coreTransport = coreTransport;
        this.numbers = new NumberUris(sip.addresses, homeDomain);
        this.identity = new CallerIdentity(sip, numbers);
        this.diversions = new DiversionHeaders(sip.headers, numbers);
        this.chargingVector = new ChargingVector(sip);
        // The stack derives Timer B from T1 (64 x T1), per transaction: a shorter timeout retransmits sooner too.
        this.retransmitMillis = timeout.equals(SipSettings.DEFAULT_INVITE_TIMEOUT) ? 0 : (int) Math.max(1, timeout.toMillis() / 64);
        this.timeout = timeout;
    }

    /** 64 x T1: how long an onward INVITE waits for any response, and a cancelled one for its final response. */
    Duration timeout() {
        return timeout;
    }

    /** The transport towards the core for a call that came in on {@code incomingTransport}. */
    String transportFor(String incomingTransport) {
        return "auto".equalsIgnoreCase(coreTransport) ? incomingTransport.toLowerCase() : coreTransport;
    }

    /** T1 for an onward INVITE's client transaction, in milliseconds; 0 for the stack's own. */
    int retransmitMillis() {
        return retransmitMillis;
    }

    /** @param icid the call's charging identifier ({@link kz.btcom.fs.call.CallSetup#icid()}), the same on every leg */
    Request build(Request incoming, String icid, OnwardLeg leg, CallerPrivacy privacy, String transport)
            throws ParseException {
        try {
            URI target = leg.targetNumber().isPresent()
                    ? numbers.of(incoming, leg.targetNumber().get()) : (URI) incoming.getRequestURI().clone();
            CallIdHeader callId = sip.headers.createCallIdHeader(Tags.newCallId(sip.host));
            CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.INVITE);
            FromHeader from = identity.from(incoming, leg.presentation());
            ToHeader inTo = (ToHeader) incoming.getHeader(ToHeader.NAME);
            Address toAddress = leg.targetNumber().isPresent()
                    ? sip.addresses.createAddress(target) : sip.cloneAddress(inTo.getAddress());
            ToHeader to = sip.headers.createToHeader(toAddress, null);
            ViaHeader via = sip.headers.createViaHeader(sip.host, sip.port, transport, Tags.newBranch());
            via.setRPort();
            MaxForwardsHeader inMaxForwards = (MaxForwardsHeader) incoming.getHeader(MaxForwardsHeader.NAME);
            int hops = inMaxForwards == null ? 70 : Math.max(inMaxForwards.getMaxForwards() - 1, 0);
            MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(hops);
            Request out = sip.messages.createRequest(target, Request.INVITE, callId, cseq, from, to,
                    List.of(via), maxForwards);
            out.addHeader(sip.contactFor(transport)); // ours: sip:fs@..., never the caller's user part
            identity.writeAssertedIdentity(incoming, out, leg.presentation());
            privacy.copyHeaders(incoming, out, COPIED_HEADERS);
            chargingVector.write(incoming, out, icid);
            if (leg.alertInfo().isPresent()) {
                String value = leg.alertInfo().get().trim();
                out.addHeader(sip.headers.createHeader(ALERT_INFO, value.startsWith("<") ? value : "<" + value + ">"));
            } else {
                privacy.copyHeaders(incoming, out, List.of(ALERT_INFO));
            }
            diversions.write(incoming, out, leg.diversions());
            addRoutes(incoming, out, transport);
            privacy.copyBody(incoming, out);
            return out;
        } catch (javax.sip.InvalidArgumentException e) {
            throw new ParseException(e.getMessage(), 0);
        }
    }

    /**
     * The top Route named us; the rest (3GPP TS 24.229 5.7.5: an AS acting as B2BUA copies them) say where the
     * core wants the call next. With none left, the call goes to the configured core.
     */
    private void addRoutes(Request incoming, Request out, String transport) throws ParseException {
        ListIterator<?> routes = incoming.getHeaders(RouteHeader.NAME);
        boolean first = true;
        boolean copied = false;
        while (routes.hasNext()) {
            RouteHeader route = (RouteHeader) routes.next();
            if (first) {
                first = false;
                continue;
            }
            out.addHeader((RouteHeader) route.clone());
            copied = true;
        }
        if (!copied) {
            SipURI core = sip.addresses.createSipURI(null, coreHost.contains(":") ? "[" + coreHost + "]" : coreHost);
            core.setPort(corePort);
            core.setLrParam();
            core.setTransportParam(transport);
            out.addHeader(sip.headers.createRouteHeader(sip.addresses.createAddress(core)));
        }
    }
}
