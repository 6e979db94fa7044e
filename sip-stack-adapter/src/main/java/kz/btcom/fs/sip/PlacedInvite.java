package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.StringMsgParser;
import kz.btcom.fs.call.OutgoingCall;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The INVITE of a call the server places itself ({@link OutgoingCall}): a new dialog towards the core, the numbers
 * in the form the B2BUA writes its own numbers ({@link NumberUris}: {@code sip:+E.164@<home domain>;user=phone}, as
 * there is no incoming call whose form to follow), the caller asserted as the service number, and a charging
 * vector of the call's own. The SDP offer is added on the call's lane, where the media is asked for it.
 */
final class PlacedInvite {

    /** What the adapter writes itself, or the dialog would not be ours: never taken from the extra headers. */
    private static final Set<String> OWN_HEADERS = Set.of("via", "v", "from", "f", "to", "t", "call-id", "i",
            "cseq", "contact", "m", "max-forwards", "route", "record-route", "content-type", "c", "content-length",
            "l", SetupReader.P_ASSERTED_IDENTITY.toLowerCase(Locale.ROOT),
            ChargingVector.HEADER.toLowerCase(Locale.ROOT));

    private final SipMessages sip;
    private final NumberUris numbers;
    private final ChargingVector chargingVector;
    private final String coreHost;
    private final int corePort;
    private final String transport;

    PlacedInvite(SipMessages sip, SipSettings settings) {
        this.sip = sip;
        this.numbers = new NumberUris(sip.addresses, settings.homeDomain());
        this.chargingVector = new ChargingVector(sip);
        this.coreHost = settings.coreHost();
        this.corePort = settings.corePort();
        this.transport = transportOf(settings);
    }

    /** "auto" follows the incoming call, and a placed call has none: UDP when the server speaks it. */
    private static String transportOf(SipSettings settings) {
        if (!"auto".equalsIgnoreCase(settings.coreTransport())) {
            return settings.coreTransport().toLowerCase(Locale.ROOT);
        }
        return settings.transports().stream().anyMatch("udp"::equalsIgnoreCase) ? "udp" : "tcp";
    }

    /** @throws IllegalArgumentException when the call cannot be written as SIP */
    Request build(OutgoingCall call, String icid) {
        try {
            SipURI target = numbers.sip(call.targetNumber());
            SipURI caller = numbers.sip(call.callerNumber());
            Address callerAddress = sip.addresses.createAddress(caller);
            if (call.callerName().isPresent()) {
                callerAddress.setDisplayName(call.callerName().get());
            }
            CallIdHeader callId = sip.headers.createCallIdHeader(Tags.newCallId(sip.host));
            CSeqHeader cseq = sip.headers.createCSeqHeader(1L, Request.INVITE);
            FromHeader from = sip.headers.createFromHeader(callerAddress, Tags.newTag());
            ToHeader to = sip.headers.createToHeader(sip.addresses.createAddress(target), null);
            ViaHeader via = sip.headers.createViaHeader(sip.host, sip.port, transport, Tags.newBranch());
            via.setRPort();
            MaxForwardsHeader maxForwards = sip.headers.createMaxForwardsHeader(70);
            Request out = sip.messages.createRequest(target, Request.INVITE, callId, cseq, from, to, List.of(via),
                    maxForwards);
            out.addHeader(sip.contactFor(transport));
            out.addHeader(sip.headers.createHeader(SetupReader.P_ASSERTED_IDENTITY, callerAddress.toString()));
            chargingVector.writeOwn(out, icid);
            for (Map.Entry<String, String> extra : call.extraHeaders().entrySet()) {
                if (OWN_HEADERS.contains(extra.getKey().strip().toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException("the adapter writes " + extra.getKey() + " itself");
                }
                // Parsed as a whole line: a value may be a list, which createHeader refuses.
                out.addHeader(StringMsgParser.parseSIPHeader(extra.getKey() + ": " + extra.getValue()));
            }
            out.addHeader(sip.headers.createRouteHeader(sip.addresses.createAddress(coreRoute())));
            return out;
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalArgumentException("cannot place a call to " + call.targetNumber() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The configured core, loose-routed: a placed call has no Route of an incoming INVITE to follow. */
    private SipURI coreRoute() throws ParseException {
        SipURI core = sip.addresses.createSipURI(null, coreHost.contains(":") ? "[" + coreHost + "]" : coreHost);
        core.setPort(corePort);
        core.setLrParam();
        core.setTransportParam(transport);
        return core;
    }
}
