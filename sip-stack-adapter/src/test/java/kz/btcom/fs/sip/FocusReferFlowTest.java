package kz.btcom.fs.sip;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferProgress;
import kz.btcom.fs.sip.testing.PeerDialog;
import kz.btcom.fs.sip.testing.PlacedMedia;
import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.Sdp;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server answering as a conference focus (RFC 4579): its 200's Contact is the conference URI with
 * {@code ;isfocus}, and a REFER in that call is the services' to take: 202 Accepted at once, then NOTIFYs of the
 * referral's progress as {@code message/sipfrag} (RFC 3515 2.4), the last one ending the subscription.
 */
class FocusReferFlowTest {

    private static final String FACTORY = "sip:conference@127.0.0.1";

    private RunningB2bua b2bua;
    private final PlacedMedia media = new PlacedMedia();

    @BeforeEach
    void start() {
        b2bua = RunningB2bua.overUdp();
        b2bua.handler.decide(setup -> new CallDecision.Answer(media, Optional.of("conf-7")));
    }

    @AfterEach
    void stop() {
        b2bua.close();
    }

    @Test
    void theFocusAnswersWithTheConferenceUriAsItsContact() {
        SipMessage ok = callFocus().ok;

        String contact = ok.header("Contact");
        assertTrue(SipMessage.uriOf(contact).startsWith("sip:conf-7@"), contact);
        assertEquals("", SipMessage.param(contact, "isfocus"), contact);
    }

    @Test
    void aReferTheServicesTakeGets202AndNotifiesOfItsProgressUntilTheFinalStatus() throws Exception {
        CompletableFuture<ReferProgress> taken = new CompletableFuture<>();
        b2bua.handler.onRefer(refer -> new ReferDecision.Accept(taken::complete));
        FocusCall focus = callFocus();

        focus.dialog.request("REFER").header("Contact", "<" + b2bua.caller.contactUri() + ">")
                .header("Refer-To", "<sip:+77272555000@127.0.0.1?Replaces=a%40b%3Bto-tag%3D1%3Bfrom-tag%3D2>").send();

        b2bua.caller.expectResponse(202, "REFER");
        SipMessage trying = b2bua.caller.expectRequest("NOTIFY");
        assertEquals("refer", trying.header("Event").trim());
        assertTrue(trying.header("Subscription-State").startsWith("active"), trying.header("Subscription-State"));
        assertTrue(trying.header("Content-Type").startsWith("message/sipfrag"), trying.header("Content-Type"));
        assertEquals("SIP/2.0 100 Trying", trying.body().trim());
        b2bua.caller.reply(trying, 200);

        taken.get(5, TimeUnit.SECONDS).report(200, "OK");

        SipMessage done = b2bua.caller.expectRequest("NOTIFY");
        assertTrue(done.header("Subscription-State").startsWith("terminated"), done.header("Subscription-State"));
        assertEquals("SIP/2.0 200 OK", done.body().trim());
        assertTrue(done.cseq() > trying.cseq());
        b2bua.caller.reply(done, 200);
        hangUp(focus);
    }

    @Test
    void aReferNobodyTakesInACallTheServerAnsweredIsRefused() {
        FocusCall focus = callFocus();

        focus.dialog.request("REFER").header("Contact", "<" + b2bua.caller.contactUri() + ">")
                .header("Refer-To", "<sip:+77272555000@127.0.0.1>").send();

        b2bua.caller.expectResponse(403, "REFER");
        hangUp(focus);
    }

    @Test
    void aReferWithoutReferToIsABadRequest() {
        b2bua.handler.onRefer(refer -> new ReferDecision.Accept(progress -> { }));
        FocusCall focus = callFocus();

        focus.dialog.request("REFER").header("Contact", "<" + b2bua.caller.contactUri() + ">").send();

        b2bua.caller.expectResponse(400, "REFER");
        hangUp(focus);
    }

    private record FocusCall(SipMessage ok, PeerDialog dialog) {
    }

    private FocusCall callFocus() {
        SipMessage invite = b2bua.caller.invite(FACTORY).sdp(Sdp.OFFER).send();
        SipMessage ok = b2bua.caller.expectResponse(200, "INVITE");
        PeerDialog dialog = b2bua.caller.dialogAsCaller(invite, ok);
        dialog.ack(ok).send();
        media.awaitEvent("start");
        return new FocusCall(ok, dialog);
    }

    private void hangUp(FocusCall focus) {
        focus.dialog.request("BYE").send();
        b2bua.caller.expectResponse(200, "BYE");
        b2bua.awaitNoCallsInProgress();
    }
}
