package kz.btcom.fs.testing;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.ExplicitSessionCase;
import kz.btcom.fs.call.Privacy;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.call.TrunkOrigin;

import java.time.Instant;
import java.util.Optional;

/** New calls as the adapter would build them, for tests. */
public final class CallSetups {

    public static final Instant RECEIVED_AT = Instant.parse("2026-11-25T08:00:00Z");
    /** The charging identifier of the calls made here, unless a test gives its own. */
    public static final String ICID = "icid-1";
    private static final TrunkOrigin CORE = new TrunkOrigin("", "", "127.0.0.1", 5070);

    private CallSetups() {
    }

    public static SipIdentity tel(String number) {
        return new SipIdentity("tel:" + number, number, "", "", SipIdentity.Kind.TEL, "");
    }

    public static SipIdentity anonymous() {
        return new SipIdentity("sip:anonymous@anonymous.invalid", "anonymous", "anonymous.invalid", "Anonymous",
                SipIdentity.Kind.SIP, "");
    }

    /** A call from {@code caller} to {@code called} with no session case stated by the core. */
    public static CallSetup call(String caller, String called) {
        return call(tel(caller), tel(called), Optional.empty());
    }

    public static CallSetup call(SipIdentity caller, SipIdentity called, Optional<ExplicitSessionCase> explicit) {
        return new CallSetup("call-1@core", caller, caller, called, explicit, Privacy.NONE_REQUESTED, CORE,
                RECEIVED_AT, true, ICID);
    }

    /** The same call with another Call-ID: calls in progress at the same time each have their own. */
    public static CallSetup withCallId(CallSetup setup, String callId) {
        return new CallSetup(callId, setup.caller(), setup.from(), setup.called(), setup.explicitCase(),
                setup.privacy(), setup.trunk(), setup.receivedAt(), setup.hasSdpOffer(), setup.icid());
    }

    /** The same call with the charging identifier the core gave it (RFC 7315 icid-value). */
    public static CallSetup withIcid(CallSetup setup, String icid) {
        return new CallSetup(setup.callId(), setup.caller(), setup.from(), setup.called(), setup.explicitCase(),
                setup.privacy(), setup.trunk(), setup.receivedAt(), setup.hasSdpOffer(), icid);
    }

    /** The same call, come in over a trunk: RFC 4904 {@code tgrp}/{@code trunk-context}, from {@code source}. */
    public static CallSetup viaTrunk(CallSetup setup, String trunkGroup, String trunkContext, String source) {
        return new CallSetup(setup.callId(), setup.caller(), setup.from(), setup.called(), setup.explicitCase(),
                setup.privacy(), new TrunkOrigin(trunkGroup, trunkContext, source, 5060), setup.receivedAt(),
                setup.hasSdpOffer(), setup.icid());
    }

    /** A call whose caller asked for privacy ({@code Privacy: id}). */
    public static CallSetup withPrivacyId(String caller, String called) {
        return new CallSetup("call-1@core", tel(caller), tel(caller), tel(called), Optional.empty(),
                Privacy.parse(java.util.List.of("id")), CORE, RECEIVED_AT, true, ICID);
    }

    /** The core put {@code orig} on the top Route: originating services for {@code caller} only. */
    public static CallSetup routeOrig(String caller, String called) {
        return call(tel(caller), tel(called), Optional.of(new ExplicitSessionCase(SessionCase.ORIGINATING,
                tel(caller), ExplicitSessionCase.Source.ROUTE_ORIG)));
    }

    /** The core sent {@code P-Served-User: <tel:servedUser>;sescase=...}. */
    public static CallSetup pServedUser(String caller, String called, SessionCase sessionCase, String servedUser) {
        return call(tel(caller), tel(called), Optional.of(new ExplicitSessionCase(sessionCase, tel(servedUser),
                ExplicitSessionCase.Source.P_SERVED_USER)));
    }
}
