package kz.btcom.fs.sip;

import kz.btcom.fs.call.CapturedSipMessage;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.RecordingTap;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.ScriptedEvents;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import kz.btcom.fs.sip.testing.SipPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static kz.btcom.fs.call.CallOutcome.ANSWERED;
import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signalling traces: while the tap is active, every SIP message the server sends or receives reaches it, as on the
 * wire, with where it came from and went to, and the call it belongs to (the incoming leg's Call-ID, on either leg);
 * an initial INVITE also names its parties, so a trace can pick out a number's new calls. An inactive tap gets
 * nothing, and a tap that fails does not stop a single message.
 */
class MessageTapTest {

    private static final String CALLER_NUMBER = "+77272111222";

    private final RecordingTap tap = new RecordingTap(true);
    private RunningB2bua b2bua;

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void aRelayedCallYieldsEveryMessageOfBothLegsUnderTheIncomingCallId() {
        b2bua = RunningB2bua.withMessageTap("udp", tap);
        Instant before = Instant.now().minusMillis(1);
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).header("P-Asserted-Identity", "<tel:" + CALLER_NUMBER + ">")
                .header("P-Served-User", "<" + CALLEE_URI + ">;sescase=term;regstate=reg").sdp(Sdp.OFFER).send();
        SipMessage onward = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(onward, 100);
        b2bua.core.reply(onward, 180);
        b2bua.caller.expectResponse(180);
        b2bua.core.replyWithSdp(onward, 200, Sdp.ANSWER);
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        PeerDialog callerLeg = b2bua.caller.dialogAsCaller(invite, ok);
        callerLeg.ack(ok).send();
        b2bua.core.expectRequest("ACK");
        callerLeg.request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        Set<String> callersLeg = Set.of("in INVITE", "out 100 INVITE", "out 180 INVITE", "out 200 INVITE", "in ACK",
                "in BYE", "out 200 BYE");
        Set<String> calleesLeg = Set.of("out INVITE", "in 100 INVITE", "in 180 INVITE", "in 200 INVITE", "out ACK",
                "out BYE", "in 200 BYE");
        tap.awaitUntil(all -> summaries(all, invite.callId()).equals(callersLeg)
                && summaries(all, onward.callId()).equals(calleesLeg), "every message of both legs");

        List<CapturedSipMessage> captured = tap.captured();
        assertEquals(Set.of(invite.callId(), onward.callId()), byCallId(captured).keySet(), "both legs, nothing else");
        assertEachReceivedMessageOnce(captured);
        for (CapturedSipMessage message : captured) {
            assertEquals(invite.callId(), message.callKey(), "one key for the call: " + parse(message).summary());
            assertEquals("udp", message.transport());
            assertFalse(message.time().isBefore(before) || message.time().isAfter(Instant.now()), "the wall clock");
            assertAddresses(message, b2bua.caller, invite.callId());
        }

        CapturedSipMessage incoming = only(captured,
                m -> m.initialInvite() && parse(m).callId().equals(invite.callId()));
        assertEquals(List.of("+77272777888", "caller", "+77272777888", CALLER_NUMBER, "+77272777888"),
                users(incoming.parties()), "Request-URI, From, To, P-Asserted-Identity, P-Served-User");
        CapturedSipMessage outgoing = only(captured,
                m -> m.initialInvite() && parse(m).callId().equals(onward.callId()));
        assertEquals(CALLEE_URI, outgoing.parties().get(0).uri(), "the onward INVITE names its parties too");
        assertEquals(CALLER_NUMBER, outgoing.parties().get(3).user());
        assertTrue(captured.stream().filter(m -> !m.initialInvite()).allMatch(m -> m.parties().isEmpty()));
        assertEquals(Sdp.OFFER, parse(incoming).body(), "the message as on the wire, body and all");
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void anInactiveTapGetsNothing() {
        RecordingTap idle = new RecordingTap(false);
        b2bua = RunningB2bua.withMessageTap("udp", idle);

        b2bua.completeCall(b2bua.caller);
        b2bua.caller.request("OPTIONS", "sip:fs@127.0.0.1").send();
        b2bua.caller.expectResponse(200, "OPTIONS");

        assertEquals(List.of(), idle.captured());
    }

    @Test
    void aCaptureStartedDuringACallKnowsItsOnwardLegByTheCallsKey() {
        tap.activate(false);
        b2bua = RunningB2bua.withMessageTap("udp", tap);
        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        tap.activate(true);
        call.calleeLeg().request("BYE").send();
        b2bua.caller.reply(b2bua.caller.expectRequest("BYE"), 200);
        b2bua.core.expectResponse(200, "BYE");

        CapturedSipMessage bye = tap.await(m -> parse(m).callId().equals(call.onwardInvite().callId()),
                "the callee's BYE");
        assertEquals(call.invite().callId(), bye.callKey());
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void theLegLeftBehindByARedirectIsStillTheCallsAndSoIsItsLateAnswer() {
        b2bua = RunningB2bua.withMessageTap("udp", tap);
        OnwardLeg target = OnwardLeg.AS_DIALLED.withTarget("+77172555123").withEvents(new ScriptedEvents("cfnr leg"));
        b2bua.handler.relay(OnwardLeg.AS_DIALLED.withEvents(new ScriptedEvents("callee leg")
                .whenRinging(control -> control.redirect(target))));
        SipMessage invite = b2bua.caller.invite(CALLEE_URI).sdp(Sdp.OFFER).send();
        SipMessage first = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(first, 180);
        b2bua.core.reply(b2bua.core.expectRequest("CANCEL"), 200);
        b2bua.core.replyWithSdp(first, 200, Sdp.ANSWER); // crosses the CANCEL: the server hangs up on it
        b2bua.core.reply(b2bua.core.expect(m -> m.method().equals("BYE") && m.callId().equals(first.callId()),
                "the BYE to the leg left behind"), 200);

        // Captured as the stack reports them, on its own threads: awaited, not counted at once.
        List<CapturedSipMessage> ofFirstLeg = awaitCaptured(first.callId(), 8,
                "INVITE, 180, CANCEL and its 200, 200, ACK, BYE and its 200");
        assertTrue(ofFirstLeg.stream().allMatch(m -> m.callKey().equals(invite.callId())));

        SipMessage second = b2bua.core.expectRequest("INVITE");
        b2bua.core.reply(second, 486);
        b2bua.caller.ackFailure(invite, b2bua.caller.expectResponse(486));
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void statelessAnswersAreCapturedUnderTheirOwnCallId() {
        b2bua = RunningB2bua.withMessageTap("udp", tap);

        SipMessage options = b2bua.caller.request("OPTIONS", "sip:fs@127.0.0.1").send();
        b2bua.caller.expectResponse(200, "OPTIONS");
        SipMessage unknown = b2bua.caller.request("FROB", "sip:fs@127.0.0.1").send();
        b2bua.caller.expectResponse(501);

        CapturedSipMessage ok = tap.await(m -> parse(m).callId().equals(options.callId()) && parse(m).status() == 200,
                "the 200 to OPTIONS");
        assertEquals(options.callId(), ok.callKey());
        assertFalse(ok.initialInvite());
        tap.await(m -> parse(m).callId().equals(unknown.callId()) && parse(m).status() == 501, "the 501");
        assertEquals(2, tap.captured().stream().filter(m -> parse(m).callId().equals(options.callId())).count(),
                "the OPTIONS and its 200");
    }

    @Test
    void aMalformedRequestAndThe400TheServerAnswersItselfAreCapturedToo() {
        b2bua = RunningB2bua.withMessageTap("udp", tap);

        SipMessage invite = b2bua.caller.invite(CALLEE_URI).without("Via").sdp(Sdp.OFFER).send();
        b2bua.caller.expectResponse(400);

        CapturedSipMessage received = tap.await(m -> m.destination().getPort() == b2bua.port, "the broken INVITE");
        CapturedSipMessage answered = tap.await(m -> m.source().getPort() == b2bua.port, "the 400");
        assertEquals(invite.callId(), received.callKey());
        assertEquals(new InetSocketAddress(SipPeer.HOST, b2bua.caller.port()), received.source());
        assertEquals(invite.toString(), parse(received).toString(), "as it came, broken as it is");
        assertEquals(400, parse(answered).status());
        assertEquals(new InetSocketAddress(SipPeer.HOST, b2bua.caller.port()), answered.destination());
    }

    @Test
    void overTcpTheTransportIsTcpAndTheKeyTheSame() {
        b2bua = RunningB2bua.withMessageTap("tcp", tap);

        RunningB2bua.AnsweredCall call = b2bua.answeredCall();

        CapturedSipMessage onward = tap.await(m -> m.initialInvite()
                && parse(m).callId().equals(call.onwardInvite().callId()), "the onward INVITE");
        assertEquals("tcp", onward.transport());
        assertEquals(call.invite().callId(), onward.callKey());
        assertEquals(b2bua.core.port(), onward.destination().getPort());
        call.callerLeg().request("BYE").send();
        b2bua.core.reply(b2bua.core.expectRequest("BYE"), 200);
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }

    @Test
    void aTapThatFailsDoesNotStopASingleMessage() {
        tap.failWith(new IllegalStateException("disk full"));
        b2bua = RunningB2bua.withMessageTap("udp", tap);

        b2bua.completeCall(b2bua.caller);

        b2bua.awaitNoCallsInProgress();
        b2bua.metrics.awaitOutcomes(ANSWERED);
        // INVITE, 100, 180, 200, ACK, BYE, 200 on the caller's leg; the same but the 100 on the core's.
        tap.awaitUntil(all -> all.size() >= 13, "every message all the same");
    }

    // ---------------------------------------------------------------- reading what was captured

    private static SipMessage parse(CapturedSipMessage message) {
        return SipMessage.parse(message.bytes(), message.bytes().length, null, null);
    }

    private boolean sentByTheServer(CapturedSipMessage message) {
        return message.source().getPort() == b2bua.port;
    }

    private Map<String, List<CapturedSipMessage>> byCallId(List<CapturedSipMessage> captured) {
        Map<String, List<CapturedSipMessage>> byLeg = new HashMap<>();
        for (CapturedSipMessage message : captured) {
            byLeg.computeIfAbsent(parse(message).callId(), id -> new ArrayList<>()).add(message);
        }
        return byLeg;
    }

    /** "in INVITE", "out 180 INVITE"...: what each message of one leg was, seen from the server. */
    private Set<String> summaries(List<CapturedSipMessage> captured, String legCallId) {
        Set<String> summaries = new TreeSet<>();
        for (CapturedSipMessage message : captured) {
            SipMessage sip = parse(message);
            if (!sip.callId().equals(legCallId)) {
                continue;
            }
            summaries.add((sentByTheServer(message) ? "out " : "in ")
                    + (sip.isRequest() ? sip.method() : sip.status() + " " + sip.cseqMethod()));
        }
        return summaries;
    }

    /** The server may retransmit what it sends; what it received, the peers sent once, and so it is there once. */
    private void assertEachReceivedMessageOnce(List<CapturedSipMessage> captured) {
        List<String> received = captured.stream().filter(m -> !sentByTheServer(m))
                .map(m -> parse(m).callId() + " " + parse(m).startLine() + " " + parse(m).header("CSeq")).toList();
        assertEquals(Set.copyOf(received).size(), received.size(), "each received message once: " + received);
    }

    private void assertAddresses(CapturedSipMessage message, SipPeer caller, String incomingCallId) {
        SipPeer peer = parse(message).callId().equals(incomingCallId) ? caller : b2bua.core;
        InetSocketAddress server = new InetSocketAddress(SipPeer.HOST, b2bua.port);
        InetSocketAddress other = new InetSocketAddress(SipPeer.HOST, peer.port());
        boolean sent = sentByTheServer(message);
        assertEquals(sent ? server : other, message.source(), parse(message).summary());
        assertEquals(sent ? other : server, message.destination(), parse(message).summary());
    }

    private static CapturedSipMessage only(List<CapturedSipMessage> captured,
                                           java.util.function.Predicate<CapturedSipMessage> matches) {
        List<CapturedSipMessage> found = captured.stream().filter(matches).toList();
        assertEquals(1, found.size(), "exactly one");
        return found.get(0);
    }

    private static List<String> users(List<SipIdentity> parties) {
        return parties.stream().map(SipIdentity::user).toList();
    }

    /** Waits (bounded) until at least {@code count} messages of the leg with this Call-ID are captured. */
    private List<CapturedSipMessage> awaitCaptured(String callId, int count, String what) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<CapturedSipMessage> captured = tap.captured().stream()
                    .filter(m -> parse(m).callId().equals(callId)).toList();
            if (captured.size() >= count) {
                return captured;
            }
            if (System.nanoTime() > deadline) {
                throw new org.opentest4j.AssertionFailedError(what + ": captured only "
                        + captured.stream().map(m -> parse(m).summary()).toList());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.opentest4j.AssertionFailedError("interrupted");
            }
        }
    }
}
