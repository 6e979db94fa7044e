package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;

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
import java.util.List;
import java.util.ListIterator;

/**
 * The INVITE of a call's outgoing leg: a new dialog (own Call-ID, From tag, branch) towards the core, carrying
 * the caller's offer and the headers the core and the callee need.
 */
final class OnwardInvite {

    /** Headers passed from the incoming INVITE to the outgoing one as they are. */
    static final List<String> COPIED_HEADERS = List.of(
            SetupReader.P_ASSERTED_IDENTITY, SetupReader.PRIVACY, "Supported", "Allow", "Accept",
            "History-Info", "Diversion", "P-Charging-Vector", "P-Access-Network-Info", "P-Called-Party-ID",
            "Alert-Info", "Call-Info", "User-Agent", "Subject", "Priority",
            // Every option tag left in Require is one RequestScreen let through because the far end can honour it.
            "Require", "Session-Expires", "Min-SE");

    private final SipMessages sip;
    private final String coreHost;
    private final int corePort;
    private final String coreTransport;

    OnwardInvite(SipMessages sip, String coreHost, int corePort, String coreTransport) {
        this.sip = sip;
        this.coreHost = coreHost;
        this.corePort = corePort;
        this.coreTransport = coreTransport;
    }

    /** The transport towards the core for a call that came in on {@code incomingTransport}. */
    String transportFor(String incomingTransport) {
        return "auto".equalsIgnoreCase(coreTransport) ? incomingTransport.toLowerCase() : coreTransport;
    }

    Request build(Request incoming, CallDecision.Relay relay, String transport) throws ParseException {
        try {
            URI target = relay.isRetargeted() ? retargetUri(relay.targetNumber()) : (URI) incoming.getRequestURI().clone();
            CallIdHeader callId = sip.headers.createCallIdHeader(Tags.newCallId(sip.host));
            CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.INVITE);
            FromHeader inFrom = (FromHeader) incoming.getHeader(FromHeader.NAME);
            FromHeader from = sip.headers.createFromHeader(sip.cloneAddress(inFrom.getAddress()), Tags.newTag());
            ToHeader inTo = (ToHeader) incoming.getHeader(ToHeader.NAME);
            Address toAddress = relay.isRetargeted()
                    ? sip.addresses.createAddress(target) : sip.cloneAddress(inTo.getAddress());
            ToHeader to = sip.headers.createToHeader(toAddress, null);
            ViaHeader via = sip.headers.createViaHeader(sip.host, sip.port, transport, Tags.newBranch());
            via.setRPort();
            MaxForwardsHeader inMaxForwards = (MaxForwardsHeader) incoming.getHeader(MaxForwardsHeader.NAME);
            int hops = inMaxForwards == null ? 70 : Math.max(inMaxForwards.getMaxForwards() - 1, 0);
            MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(hops);
            Request out = sip.messages.createRequest(target, Request.INVITE, callId, cseq, from, to,
                    List.of(via), maxForwards);
            out.addHeader(sip.contactFor(transport));
            SipMessages.copyHeaders(incoming, out, COPIED_HEADERS);
            addRoutes(incoming, out, transport);
            SipMessages.copyBody(incoming, out);
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

    private URI retargetUri(String number) throws ParseException {
        SipURI uri = sip.addresses.createSipURI(number, coreHost.contains(":") ? "[" + coreHost + "]" : coreHost);
        uri.setUserParam("phone");
        return uri;
    }
}
