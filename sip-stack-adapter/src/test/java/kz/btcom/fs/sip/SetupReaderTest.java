package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.ExplicitSessionCase;
import kz.btcom.fs.call.Privacy;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import org.junit.jupiter.api.Test;

import javax.sip.message.Request;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An INVITE as parsed by the stack, read into the CallSetup the services see. */
class SetupReaderTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final SetupReader reader = new SetupReader(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theCallerIsTheAssertedIdentityWhenThereIsOne() {
        CallSetup setup = read(invite("P-Asserted-Identity: \"Aigerim\" <tel:+77272123456>"));
        assertEquals("+77272123456", setup.caller().user());
        assertEquals(SipIdentity.Kind.TEL, setup.caller().kind());
        assertEquals("Aigerim", setup.caller().displayName());
        assertEquals("2123456", setup.from().user(), "From stays as received");
    }

    @Test
    void theCallerIsFromWithoutAnAssertedIdentity() {
        CallSetup setup = read(invite());
        assertEquals("2123456", setup.caller().user());
        assertEquals(SipIdentity.Kind.SIP, setup.caller().kind());
        assertEquals("btcom.kz", setup.caller().host());
    }

    @Test
    void ofTwoAssertedIdentitiesTheTelOneIsTheNumber() {
        CallSetup setup = read(invite("P-Asserted-Identity: <sip:+77272123456@btcom.kz;user=phone>",
                "P-Asserted-Identity: <tel:+77272123456>"));
        assertEquals(SipIdentity.Kind.TEL, setup.caller().kind());
        assertEquals("+77272123456", setup.caller().user());
    }

    @Test
    void aSipUriWithUserPhoneIsATelephoneNumber() {
        CallSetup setup = read(invite("P-Asserted-Identity: <sip:+77272123456@btcom.kz;user=phone>"));
        assertEquals(SipIdentity.Kind.SIP_PHONE, setup.caller().kind());
        assertEquals("+77272123456", setup.caller().user());
        assertEquals(SipIdentity.Kind.SIP_PHONE, setup.called().kind());
        assertEquals("+77272777888", setup.called().user());
    }

    @Test
    void digitsAsDialledKeepTheirPhoneContext() {
        CallSetup setup = read(invite("INVITE sip:2777888;phone-context=+7727@btcom.kz;user=phone SIP/2.0"));
        assertEquals("2777888", setup.called().user());
        assertEquals("+7727", setup.called().phoneContext());
    }

    @Test
    void aTelRequestUriIsTheCalledNumber() {
        CallSetup setup = read(invite("INVITE tel:+77172555123 SIP/2.0"));
        assertEquals(SipIdentity.Kind.TEL, setup.called().kind());
        assertEquals("+77172555123", setup.called().user());
    }

    @Test
    void anEscapedHashInTheDialledCodeIsUnescaped() {
        CallSetup setup = read(invite("INVITE sip:*21*2777000%23@btcom.kz SIP/2.0"));
        assertEquals("*21*2777000#", setup.called().user());
    }

    @Test
    void aTopRouteWithOrigMeansOriginatingServicesOnly() {
        CallSetup setup = read(invite("Route: <sip:fs.btcom.kz;lr;orig>",
                "P-Asserted-Identity: <tel:+77272123456>"));
        ExplicitSessionCase explicit = setup.explicitCase().orElseThrow();
        assertEquals(SessionCase.ORIGINATING, explicit.sessionCase());
        assertEquals(ExplicitSessionCase.Source.ROUTE_ORIG, explicit.source());
        assertEquals("+77272123456", explicit.servedUser().user());
    }

    @Test
    void pServedUserNamesTheTerminatingUser() {
        CallSetup setup = read(invite("P-Served-User: <sip:+77272777888@btcom.kz;user=phone>;sescase=term;regstate=reg"));
        ExplicitSessionCase explicit = setup.explicitCase().orElseThrow();
        assertEquals(SessionCase.TERMINATING, explicit.sessionCase());
        assertEquals(ExplicitSessionCase.Source.P_SERVED_USER, explicit.source());
        assertEquals("+77272777888", explicit.servedUser().user());
    }

    @Test
    void pServedUserCanNameTheOriginatingUser() {
        CallSetup setup = read(invite("P-Served-User: <tel:+77272123456>;sescase=orig"));
        assertEquals(SessionCase.ORIGINATING, setup.explicitCase().orElseThrow().sessionCase());
    }

    @Test
    void withoutRouteOrigOrServedUserTheCaseIsLeftToTheServices() {
        assertTrue(read(invite("Route: <sip:fs.btcom.kz;lr>")).explicitCase().isEmpty());
    }

    @Test
    void privacyIdRestrictsTheCallersIdentity() {
        Privacy privacy = read(invite("Privacy: id;critical")).privacy();
        assertEquals(java.util.Set.of(Privacy.Value.ID, Privacy.Value.CRITICAL), privacy.values());
        assertTrue(privacy.restrictsIdentity());
        assertFalse(read(invite()).privacy().restrictsIdentity());
    }

    @Test
    void theTrunkGroupComesFromTheCallersTelUri() {
        CallSetup setup = read(invite(
                "From: <tel:+77272123456;tgrp=TG-ALMATY-1;trunk-context=btcom.kz>;tag=abc"));
        assertEquals("TG-ALMATY-1", setup.trunk().trunkGroup());
        assertEquals("btcom.kz", setup.trunk().trunkContext());
        assertTrue(setup.trunk().namesTrunkGroup());
    }

    @Test
    void theTrunkGroupComesFromTheContactsUserPartOtherwise() {
        CallSetup setup = read(invite(
                "Contact: <sip:+77272123456;tgrp=TG-7;trunk-context=btcom.kz@192.0.2.7;user=phone>"));
        assertEquals("TG-7", setup.trunk().trunkGroup());
        assertEquals("btcom.kz", setup.trunk().trunkContext());
    }

    @Test
    void aCallWithoutTrunkGroupNamesNone() {
        assertFalse(read(invite()).trunk().namesTrunkGroup());
    }

    @Test
    void theSetupCarriesCallIdArrivalTimeAndWhetherThereIsAnOffer() {
        CallSetup setup = read(invite());
        assertEquals("setup-1@127.0.0.1", setup.callId());
        assertEquals(NOW, setup.receivedAt());
        assertFalse(setup.hasSdpOffer());
        assertTrue(read(withOffer(invite())).hasSdpOffer());
    }

    @Test
    void theIcidIsTheChargingVectorsIcidValue_rfc7315() {
        CallSetup setup = read(invite("P-Charging-Vector: icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=023551024;"
                + "icid-generated-at=192.0.6.8;orig-ioi=home1.net"));
        assertEquals("AyretyU0dm+6O2IrT5tAFrbHLso=023551024", setup.icid());
    }

    @Test
    void theChargingVectorsNameIsCaseInsensitive() {
        assertEquals("AyretyU0dm+6O2IrT5tAFrbHLso=023551024",
                read(invite("p-charging-vector : icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=023551024")).icid());
    }

    @Test
    void aQuotedIcidValueIsTheIcidWithoutItsQuotes() {
        CallSetup setup = read(invite("P-Charging-Vector: orig-ioi=home1.net; icid-value=\"a;b c\""));
        assertEquals("a;b c", setup.icid());
    }

    @Test
    void aCallWithoutAChargingVectorGetsAnIcidOfItsOwn() {
        String first = read(invite()).icid();
        String second = read(invite()).icid();
        assertTrue(first.matches("[0-9a-f]{32}"), first);
        assertNotEquals(first, second, "each call its own");
    }

    @Test
    void aChargingVectorWithoutIcidValueIsAsGoodAsNone() {
        assertTrue(read(invite("P-Charging-Vector: orig-ioi=home1.net")).icid().matches("[0-9a-f]{32}"));
    }

    @Test
    void onlyAStatedTerminatingCaseIsATerminatingPass() {
        assertTrue(read(invite("P-Served-User: <tel:+77272777888>;sescase=term")).isTerminatingPass());
        assertFalse(read(invite("P-Served-User: <tel:+77272123456>;sescase=orig")).isTerminatingPass());
        assertFalse(read(invite("Route: <sip:fs.btcom.kz;lr;orig>")).isTerminatingPass());
        assertFalse(read(invite()).isTerminatingPass(), "none stated: the one pass serves both");
    }

    // ---------------------------------------------------------------- building requests

    /** An INVITE; each extra line replaces the line with the same header name (or the request line), or is added. */
    private static String invite(String... lines) {
        String[] base = {
                "INVITE sip:+77272777888@btcom.kz;user=phone SIP/2.0",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKsetup1",
                "Max-Forwards: 70",
                "From: <sip:2123456@btcom.kz>;tag=abc",
                "To: <sip:+77272777888@btcom.kz;user=phone>",
                "Call-ID: setup-1@127.0.0.1",
                "CSeq: 1 INVITE",
                "Contact: <sip:caller@127.0.0.1:5070>",
        };
        java.util.List<String> result = new java.util.ArrayList<>(java.util.List.of(base));
        for (String line : lines) {
            String name = line.startsWith("INVITE ") ? "INVITE " : line.substring(0, line.indexOf(':') + 1);
            int at = -1;
            for (int i = 0; i < result.size(); i++) {
                if (result.get(i).startsWith(name) && !name.equals("P-Asserted-Identity:")) {
                    at = i;
                }
            }
            if (at >= 0) {
                result.set(at, line);
            } else {
                result.add(line);
            }
        }
        return String.join("\r\n", result) + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String withOffer(String invite) {
        String sdp = kz.btcom.fs.sip.testing.Sdp.OFFER;
        return invite.replace("Content-Length: 0\r\n", "Content-Type: application/sdp\r\nContent-Length: "
                + sdp.length() + "\r\n") + sdp;
    }

    private CallSetup read(String text) {
        try {
            // The stack's own parser: it keeps some headers JAIN-SIP's would drop.
            Request request = (Request) new GuardedParser(null)
                    .parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
            return reader.read(request);
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }
}
