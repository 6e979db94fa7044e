package kz.btcom.fs.sip;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.SipStack;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.io.IOException;

/**
 * Sheds new calls with 503 and Retry-After before the stack spends a transaction or a dialog on them, for what the
 * arrival screen ({@link ArrivalAdmission}) did not answer already (TCP, or a datagram it could not read). The
 * decision is the transaction's ({@link AdmissionDecisions}): a retransmission gets the same 503, or passes to the
 * stack like its original did.
 */
public final class AdmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionValve.class);

    private volatile Admission admission;

    public AdmissionValve() {
    }

    @Override
    public void init(SipStack stack) {
        admission = Admission.of(stack.getStackName());
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Admission current = admission;
        String method = request.getMethod();
        if (current == null || request.getToTag() != null && !Request.ACK.equals(method)) {
            return true;
        }
        String callId = request.getCallId() == null ? "" : request.getCallId().getCallId();
        String branch = request.getTopmostVia() == null ? null : request.getTopmostVia().getBranch();
        if (Request.ACK.equals(method)) {
            // The ACK for a 503 of ours: nothing more to do with it (an ACK for a 2xx has a branch of its own).
            return !current.decisions().wasRefused(callId, branch);
        }
        if (!Request.INVITE.equals(method)) {
            return true;
        }
        AdmissionDecisions.Verdict verdict = current.admit(callId, branch);
        if (!verdict.refuses()) {
            return true;
        }
        AdmissionDecisions.Decision decision = current.decisions().of(callId, branch);
        try {
            SIPResponse busy = request.createResponse(Response.SERVICE_UNAVAILABLE);
            if (busy.getToTag() == null) {
                busy.getTo().setTag(decision != null && decision.refusalTag != null ? decision.refusalTag
                        : Tags.newTag());
            }
            RetryAfterHeader retryAfter = new gov.nist.javax.sip.header.RetryAfter();
            retryAfter.setRetryAfter(current.retryAfterSeconds());
            busy.setHeader(retryAfter);
            channel.sendMessage(busy);
            LOG.debug("call {} refused with 503 ({}): over capacity or shutting down", callId, verdict);
        } catch (IOException | java.text.ParseException | javax.sip.InvalidArgumentException e) {
            LOG.warn("call {}: could not send 503: {}", callId, e.toString());
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
    }
}
