package kz.btcom.fs.sip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import kz.btcom.fs.call.Presentation;

import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Everything the adapter does with the bytes of a request before a call exists, fed whatever the fuzzer makes of
 * real messages (seeds in {@code SipRequestFuzzTestInputs/parsedAndScreened}: the RFC 4475 torture messages and the
 * requests of the SIPp scenarios): the guarded parse, the 400 built from raw text, the screen, the setup the
 * services see, the privacy and party reading, and the answer the stack would encode. Bad input may only be
 * refused (a ParseException, a refusal); any other exception or error is a finding.
 * Runs in the surefire execution "fuzz" (10 s); without JAZZER_FUZZ it replays the seeds.
 */
class SipRequestFuzzTest {

    static {
        // The stack's parsers log through CommonLogger, which is log4j (not on our class path) unless a stack
        // was given its logger, as the server's is (StackProperties): so here too.
        CommonLogger.legacyLogger = new Slf4jStackLogger();
        CommonLogger.useLegacyLogger = true;
    }

    private static final SetupReader SETUP = new SetupReader(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    private static final RequestScreen SCREEN = new RequestScreen();

    @FuzzTest
    void parsedAndScreened(byte[] datagram) {
        exercise(datagram);
    }

    /** The path of one datagram; shared with the regression tests of what the fuzzer found. */
    static void exercise(byte[] datagram) {
        BadRequest.isAnswerable(datagram);
        BadRequest.answer(datagram);
        BadRequest.callIdOf(datagram);
        SIPMessage message;
        try {
            message = new GuardedParser(null).parseSIPMessage(datagram, true, false, null);
        } catch (ParseException refused) {
            return;
        }
        if (!(message instanceof SIPRequest request)) {
            return;
        }
        if (request.getTopmostVia() == null || request.getFrom() == null || request.getTo() == null
                || request.getCallId() == null || request.getCSeq() == null) {
            return; // GuardedParser refuses these on a datagram; the stack drops them over TCP
        }
        request.encodeAsBytes("UDP");
        request.createResponse(Response.BAD_REQUEST).encodeAsBytes("UDP");
        if (SCREEN.check(request).isPresent() || !Request.INVITE.equals(request.getMethod())) {
            return;
        }
        SETUP.read(request);
        InviteParties.of(request);
        CallerPrivacy.of(request, new Presentation.AsReceived());
        DiversionHeaders.receivedEntries(request);
        SessionRefreshWatch.sessionExpires(request);
        request.createResponse(Response.RINGING).encodeAsBytes("TCP");
    }
}
