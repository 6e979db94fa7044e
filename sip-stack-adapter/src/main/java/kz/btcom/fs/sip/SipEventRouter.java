package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.StringMsgParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.AllowHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.util.Optional;

/**
 * JAIN-SIP's single listener, kept thin: it answers what needs no call (OPTIONS, unknown methods, requests for
 * calls that do not exist), and hands everything else to the call it belongs to, on that call's lane.
 * Runs on the stack's threads, so it never touches call state itself.
 */
final class SipEventRouter implements gov.nist.javax.sip.SipListenerExt {

    private static final Logger LOG = LoggerFactory.getLogger(SipEventRouter.class);

    /**
     * A BYE's answered transaction absorbs retransmissions of the BYE for 64 of these (Timer J: 8 s, not RFC 3261's
     * 64 x T1 = 32 s), then lets go of the BYE and its answer. A caller whose 200 was lost five times over (its
     * retransmissions come at 0.5, 1.5, 3.5 and 7.5 s) gets 481 after that, which ends its dialog just the same.
     */
    static final int BYE_TIMER_J_UNIT_MS = 125;

    static final String ALLOWED_METHODS = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, INFO";
    /** The answer to an OPTIONS out of dialog that passes the screen (the core's keep-alive). */
    private static final RequestScreen.Refusal OPTIONS_ANSWER = new RequestScreen.Refusal(Response.OK, null, null, null);

    private final CallContext ctx;
    private final RequestScreen screen;
    private final SipProvider provider;
    private final AdmissionDecisions decisions;

    /** Methods this server handles or refuses by name (405); any other is unknown and gets 501. */
    static boolean knows(String method) {
        return switch (method) {
            case Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS, Request.PRACK,
                 Request.UPDATE, Request.INFO, Request.REGISTER, Request.MESSAGE, Request.SUBSCRIBE,
                 Request.NOTIFY, Request.PUBLISH, Request.REFER -> true;
            default -> false;
        };
    }

    SipEventRouter(CallContext ctx, RequestScreen screen, AdmissionDecisions decisions) {
        this.ctx = ctx;
        this.screen = screen;
        this.provider = ctx.provider();
        this.decisions = decisions;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            route(event, request);
        } catch (Exception e) {
            LOG.warn("could not handle {} of call {}: {}", request.getMethod(), Headers.callId(request), e.toString());
        }
    }

    private void route(RequestEvent event, Request request) throws Exception {
        String method = request.getMethod();
        Dialog dialog = event.getDialog();
        if (dialog != null && dialog.getApplicationData() instanceof PlacedCallLeg placed) {
            toPlacedCall(event, request, placed);
            return;
        }
        B2buaCall call = dialog == null ? null : callOf(dialog.getApplicationData());
        switch (method) {
            case Request.INVITE -> {
                if (Headers.hasToTag(request)) {
                    inDialog(event, request, call);
                } else {
                    newCall(event, request);
                }
            }
            case Request.ACK -> {
                if (call != null) {
                    ctx.lanes().execute(call.lane, () -> call.onAck(dialog, request));
                }
            }
            case Request.CANCEL -> {
                B2buaCall cancelled = ctx.registry().get(Headers.callId(request));
                ServerTransaction tx = serverTransaction(event);
                if (tx == null) {
                    return;
                }
                if (cancelled == null) {
                    tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                } else {
                    ctx.lanes().execute(cancelled.lane, () -> cancelled.onCancel(tx, request));
                }
            }
            case Request.BYE -> {
                ServerTransaction tx = serverTransaction(event);
                if (tx == null) {
                    return;
                }
                tx.setRetransmitTimer(BYE_TIMER_J_UNIT_MS);
                if (call == null) {
                    tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
                } else {
                    ctx.lanes().execute(call.lane, () -> call.onBye(dialog, tx, request));
                }
            }
            case Request.OPTIONS -> {
                if (call != null) {
                    inDialog(event, request, call);
                } else {
                    // RFC 3261 11.2: OPTIONS is answered as an INVITE would be (416, 420...), not always 200.
                    answerStatelessly(request, screen.check(request).orElse(OPTIONS_ANSWER));
                }
            }
            case Request.PRACK, Request.UPDATE, Request.INFO -> inDialog(event, request, call);
            default -> {
                if (!knows(method)) {
                    answerStatelessly(request, Response.NOT_IMPLEMENTED);
                } else if (call != null) {
                    inDialog(event, request, call);
                } else {
                    answerStatelessly(request, Response.METHOD_NOT_ALLOWED); // REGISTER, MESSAGE... out of dialog
                }
            }
        }
    }

    private void newCall(RequestEvent event, Request request) throws Exception {
        long arrival = System.nanoTime();
        String callId = Headers.callId(request);
        if (ctx.registry().contains(callId)) {
            return; // a retransmission the stack did not absorb: the call is already in hand
        }
        Optional<RequestScreen.Refusal> refusal = screen.check(request);
        if (refusal.isPresent()) {
            answerStatelessly(request, refusal.get());
            return;
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        // One call per INVITE transaction: a retransmission the stack did not absorb (it raced its original on
        // another stack thread, or came after the call ended) is not a call of its own.
        if (!decisions.claim(callId, via.getBranch())) {
            return;
        }
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return;
        }
        // At once, not after the stack's 200 ms: a late 100 can overtake the relayed answer.
        tx.sendResponse(ctx.sip().response(Response.TRYING, request, null));
        String transport = via.getTransport();
        B2buaCall call = new B2buaCall(ctx, tx, transport, arrival);
        if (ctx.registry().addIfAbsent(callId, call) != call) {
            return;
        }
        tx.setApplicationData(call);
        call.callerDialog().setApplicationData(call);
        ctx.lanes().execute(call.lane, call::start);
    }

    private void inDialog(RequestEvent event, Request request, B2buaCall call) throws Exception {
        ServerTransaction tx = serverTransaction(event);
        if (tx == null) {
            return;
        }
        if (call == null) {
            tx.sendResponse(ctx.sip().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
            return;
        }
        Dialog dialog = event.getDialog();
        ctx.lanes().execute(call.lane, () -> call.onInDialogRequest(dialog, tx, request));
    }

    /** A request from the callee of a call the server placed; an ACK (of a re-INVITE's 200) needs nothing. */
    private void toPlacedCall(RequestEvent event, Request request, PlacedCallLeg placed) throws Exception {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        ServerTransaction tx = serverTransaction(event);
        if (tx != null) {
            ctx.lanes().execute(placed.lane, () -> placed.onRequest(tx, request));
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        ServerTransaction tx = event.getServerTransaction();
        if (tx != null) {
            return tx;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null; // a retransmission racing its original on another stack thread
        }
    }

    private void answerStatelessly(Request request, int status) throws Exception {
        answerStatelessly(request, new RequestScreen.Refusal(status, null, null, null));
    }

    private void answerStatelessly(Request request, RequestScreen.Refusal refusal) throws Exception {
        Response response = ctx.sip().response(refusal.status(), request, Tags.newTag());
        if (refusal.reason() != null) {
            response.setReasonPhrase(refusal.reason());
        }
        if (refusal.headerName() != null) {
            // Parsed as a whole line: a value may be a list (Unsupported: a, b), which createHeader refuses.
            response.setHeader(StringMsgParser.parseSIPHeader(refusal.headerName() + ": " + refusal.headerValue()));
        }
        if (refusal.status() == Response.OK || refusal.status() == Response.NOT_IMPLEMENTED
                || refusal.status() == Response.METHOD_NOT_ALLOWED) {
            AllowHeader allow = ctx.sip().headers.createAllowHeader(ALLOWED_METHODS);
            response.addHeader(allow);
        }
        if (refusal.status() == Response.OK) {
            response.addHeader(ctx.sip().headers.createAcceptHeader("application", "sdp"));
            response.addHeader(ctx.sip().headers.createSupportedHeader("100rel"));
        }
        provider.sendResponse(response);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction tx = event.getClientTransaction();
        if (tx != null && tx.getApplicationData() instanceof PendingRequest pending) {
            B2buaCall call = pending.call();
            ctx.lanes().execute(call.lane, () -> call.onResponse(pending, response));
            return;
        }
        if (tx != null && tx.getApplicationData() instanceof PlacedRequest placed) {
            ctx.lanes().execute(placed.call().lane, () -> placed.call().onResponse(placed, response));
            return;
        }
        Dialog dialog = event.getDialog();
        int status = response.getStatusCode();
        if (status >= 200 && status < 300 && dialog != null
                && dialog.getApplicationData() instanceof PlacedCallLeg placed) {
            ctx.lanes().execute(placed.lane, () -> placed.onStrayAnswer(response));
            return;
        }
        if (dialog != null && status >= 200 && status < 300 && callOf(dialog.getApplicationData()) != null) {
            B2buaCall call = callOf(dialog.getApplicationData());
            ctx.lanes().execute(call.lane, () -> call.onStrayAnswer(dialog, response));
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction tx = event.getClientTransaction();
        if (tx != null && tx.getApplicationData() instanceof PendingRequest pending) {
            B2buaCall call = pending.call();
            ctx.lanes().execute(call.lane, () -> call.onTimeout(pending));
        } else if (tx != null && tx.getApplicationData() instanceof PlacedRequest placed) {
            ctx.lanes().execute(placed.call().lane, () -> placed.call().onTimeout(placed));
        }
    }

    @Override
    public void processDialogTimeout(gov.nist.javax.sip.DialogTimeoutEvent event) {
        B2buaCall call = callOf(event.getDialog().getApplicationData());
        if (call != null) {
            ctx.lanes().execute(call.lane, call::onDialogTimeout);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    private static B2buaCall callOf(Object applicationData) {
        return applicationData instanceof B2buaCall call ? call : null;
    }
}
