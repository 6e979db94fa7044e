package kz.btcom.fs.sip;

import kz.btcom.fs.sip.testing.RunningB2bua;
import kz.btcom.fs.sip.testing.SipMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static kz.btcom.fs.sip.testing.RunningB2bua.CALLEE_URI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that belong to no call: the core's keep-alive, methods the server does not do, stale dialogs. */
class OutOfDialogRequestTest {

    private static RunningB2bua b2bua;

    @BeforeAll
    static void start() {
        b2bua = RunningB2bua.overUdp();
    }

    @AfterAll
    static void stop() {
        b2bua.close();
    }

    @Test
    void optionsFromTheCoreGets200WithAllow() {
        SipMessage options = b2bua.core.request("OPTIONS", "sip:fs@127.0.0.1").send();
        SipMessage ok = b2bua.core.expectResponse(200, "OPTIONS");
        assertEquals(options.callId(), ok.callId());
        assertTrue(ok.header("Allow").contains("INVITE"), ok.header("Allow"));
        assertNotNull(ok.toTag());
    }

    @Test
    void anUnknownMethodGets501WithAllow() {
        b2bua.caller.request("FROBNICATE", CALLEE_URI).send();
        SipMessage notImplemented = b2bua.caller.expectResponse(501, "FROBNICATE");
        assertTrue(notImplemented.header("Allow").contains("BYE"));
    }

    @Test
    void registerGets405WithAllow() {
        b2bua.caller.request("REGISTER", "sip:fs.btcom.kz").send();
        SipMessage notAllowed = b2bua.caller.expectResponse(405, "REGISTER");
        assertTrue(notAllowed.header("Allow").contains("INVITE"));
    }

    @Test
    void aByeForADialogTheServerDoesNotKnowGets481() {
        b2bua.caller.request("BYE", "sip:fs@127.0.0.1").replace("To", "<" + CALLEE_URI + ">;tag=gone").send();
        b2bua.caller.expectResponse(481, "BYE");
    }

    @Test
    void anInfoForADialogTheServerDoesNotKnowGets481() {
        b2bua.caller.request("INFO", "sip:fs@127.0.0.1").replace("To", "<" + CALLEE_URI + ">;tag=gone").send();
        b2bua.caller.expectResponse(481, "INFO");
    }

    @Test
    void aCancelForNoCallGets481() {
        b2bua.caller.request("CANCEL", CALLEE_URI).send();
        b2bua.caller.expectResponse(481, "CANCEL");
    }
}
