package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.session.SessionCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static kz.btcom.fs.testing.CallSetups.anonymous;
import static kz.btcom.fs.testing.CallSetups.call;
import static kz.btcom.fs.testing.CallSetups.tel;
import static kz.btcom.fs.testing.CallSetups.withCallId;
import static kz.btcom.fs.testing.Line.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, defect 1: the callee's terminating services apply whichever form the caller dialled its number in
 * (PRODUCT.md: "a local number is in the caller's own area"), and the onward leg carries the number in E.164. Each
 * test puts one service on callee B and calls B in every form a subscriber or the core may use.
 */
class DialledFormsTest {

    static final String A = "+77272777001";
    static final String B = "+77272777002";
    static final String C = "+77272777003";
    static final String ASTANA_CALLER = "+77172555101";
    static final String ASTANA_CALLEE = "+77172555102";

    final ServedCalls calls = new ServedCalls();

    @AfterEach
    void close() {
        calls.close();
    }

    /** B as an Almaty caller may dial it, or as the core may send it. */
    static Stream<SipIdentity> formsOfB() {
        return Stream.of(
                sip("2777002"),                                  // local, 7 digits in Almaty
                sip("87272777002"),                              // 8 + area code
                sip("77272777002"),                              // country code without '+'
                sipPhone("+77272777002"),                        // sip: with user=phone
                tel(B),                                          // tel:
                new SipIdentity("tel:+7-727-277-70-02", "+7-727-277-70-02", "", "", SipIdentity.Kind.TEL, ""));
    }

    @ParameterizedTest
    @MethodSource("formsOfB")
    void unconditionalForwardingAppliesWhicheverFormWasDialled(SipIdentity dialled) {
        calls.provision(line(A), line(B).forwardsUnconditionallyTo(C), line(C));

        OnwardLeg leg = calls.relayed(call(tel(A), dialled, Optional.empty()));

        assertEquals(Optional.of(C), leg.targetNumber());
        assertEquals(List.of(new Diversion(B, C, DiversionReason.UNCONDITIONAL)), leg.diversions());
    }

    @ParameterizedTest
    @MethodSource("formsOfB")
    void aCalleeWithoutClipSeesNoNumberWhicheverFormWasDialled(SipIdentity dialled) {
        calls.provision(line(A), line(B).withoutClip());

        OnwardLeg leg = calls.relayed(call(tel(A), dialled, Optional.empty()));

        assertEquals(Presentation.ANONYMOUS, leg.presentation());
        assertEquals(B, onwardNumber(leg, dialled), "the onward leg calls B in E.164");
    }

    @ParameterizedTest
    @MethodSource("formsOfB")
    void aBusyCalleeWithoutCallWaitingIsBusyWhicheverFormWasDialled(SipIdentity dialled) {
        calls.provision(line(A), line(B).withoutCallWaitingSubscription(), line(C));
        calls.answer(calls.relayed(withCallId(call(C, B), "first-call@core")));

        assertEquals(new CallDecision.Reject(486, "Busy Here"), calls.call(call(tel(A), dialled, Optional.empty())));
    }

    @ParameterizedTest
    @MethodSource("formsOfB")
    void aTalkingCalleeWithCallWaitingGetsTheCallAsWaitingWhicheverFormWasDialled(SipIdentity dialled) {
        calls.provision(line(A), line(B).withCallWaiting(), line(C));
        calls.answer(calls.relayed(withCallId(call(C, B), "first-call@core")));

        OnwardLeg leg = calls.relayed(call(tel(A), dialled, Optional.empty()));

        assertTrue(leg.alertInfo().orElse("").contains("call-waiting"), "waiting indication: " + leg.alertInfo());
    }

    @ParameterizedTest
    @MethodSource("formsOfB")
    void theCallerIsRecordedAsTheCalleesLastCallerWhicheverFormWasDialled(SipIdentity dialled) {
        calls.provision(line(A), line(B));

        calls.relayed(call(tel(A), dialled, Optional.empty()));

        assertEquals(A, calls.services.lastCallers.of(B).orElseThrow().callerNumber());
    }

    @Test
    void anAstanaCallersSixDigitNumberIsInAstana() {
        calls.provision(line(ASTANA_CALLER), line(ASTANA_CALLEE).forwardsUnconditionallyTo(C));

        OnwardLeg leg = calls.relayed(call(tel(ASTANA_CALLER), sip("555102"), Optional.empty()));

        assertEquals(List.of(new Diversion(ASTANA_CALLEE, C, DiversionReason.UNCONDITIONAL)), leg.diversions());
    }

    @Test
    void aCallerNotServedHereStillPlacesItsLocalNumberInItsArea() {
        calls.provision(line(B).forwardsUnconditionallyTo(C));

        OnwardLeg leg = calls.relayed(call(tel("+77272999000"), sip("2777002"), Optional.empty()));

        assertEquals(Optional.of(C), leg.targetNumber());
    }

    @Test
    void aLocalNumberDialledWhereNoCallerAreaPlacesItIsRelayedAsDialled() {
        calls.provision(line(B).forwardsUnconditionallyTo(C));

        CallDecision decision = calls.call(call(anonymous(), sip("2777002"), Optional.empty()));

        assertEquals(OnwardLeg.AS_DIALLED, SessionCall.asTheServicesLeftIt(
                assertInstanceOf(CallDecision.Relay.class, decision).leg()));
    }

    @Test
    void aNumberNobodyHereServesStillGoesOnInE164() {
        calls.provision(line(A));

        OnwardLeg leg = calls.relayed(call(tel(A), sip("87172123456"), Optional.empty()));

        assertEquals(Optional.of("+77172123456"), leg.targetNumber());
    }

    @Test
    void anEmergencyShortCodeGoesOnAsDialled() {
        calls.provision(line(A));

        assertEquals(Optional.empty(), calls.relayed(call(tel(A), sip("112"), Optional.empty())).targetNumber());
    }

    @Test
    void anEscapedFeatureCodeIsLeftForTheFeatureCodeService() {
        calls.provision(line(A));

        // *#21# (check unconditional forwarding), '#' escaped as the core may send it: answered, never relayed.
        CallSetup check = call(tel(A), sip("*%2321%23"), Optional.empty());

        assertInstanceOf(CallDecision.Answer.class, calls.call(check));
    }

    /** The number the onward leg calls: the one it names, else the Request-URI's, which must then be E.164. */
    private static String onwardNumber(OnwardLeg leg, SipIdentity dialled) {
        return leg.targetNumber().orElse(dialled.user());
    }

    private static SipIdentity sip(String user) {
        return new SipIdentity("sip:" + user + "@10.0.0.10", user, "10.0.0.10", "", SipIdentity.Kind.SIP, "");
    }

    private static SipIdentity sipPhone(String user) {
        return new SipIdentity("sip:" + user + "@10.0.0.10;user=phone", user, "10.0.0.10", "",
                SipIdentity.Kind.SIP_PHONE, "");
    }
}
