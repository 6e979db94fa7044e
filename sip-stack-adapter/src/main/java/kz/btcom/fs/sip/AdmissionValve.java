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
 * Sheds new calls with 503 and Retry-After before the stack spends a transaction or a dialog on them: the
 * cheapest place to say no, which is what keeps an overloaded server serving the calls it already has.
 */
public final class AdmissionValve implements SIPMessageValve {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionValve.class);

    private volatile Admission admission;
    private volatile Runnable onRejected = () -> { };

    public AdmissionValve() {
    }

    @Override
    public void init(SipStack stack) {
        admission = Admission.of(stack.getStackName());
    }

    void onRejected(Runnable listener) {
        this.onRejected = listener;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Admission current = admission;
        if (current == null || !Request.INVITE.equals(request.getMethod()) || request.getToTag() != null) {
            return true;
        }
        String callId = request.getCallId() == null ? "" : request.getCallId().getCallId();
        if (!current.refusesNewCall(callId)) {
            return true;
        }
        try {
            SIPResponse busy = request.createResponse(Response.SERVICE_UNAVAILABLE);
            if (busy.getToTag() == null) {
                busy.getTo().setTag(Tags.newTag());
            }
            RetryAfterHeader retryAfter = new gov.nist.javax.sip.header.RetryAfter();
            retryAfter.setRetryAfter(current.retryAfterSeconds());
            busy.setHeader(retryAfter);
            channel.sendMessage(busy);
            onRejected.run();
            LOG.debug("call {} refused with 503: over capacity or shutting down", callId);
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
