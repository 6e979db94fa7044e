package kz.btcom.fs.loadtest.functional;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One call of a {@link TestPhone}, placed or taken: its dialog (RFC 3261 12: Call-ID, tags, remote target, route
 * set, CSeq), its media (the offer/answer state and the RTP stream this line sends on it) and what the other side
 * sent in it (NOTIFY bodies, every request). The test's methods ({@link #hold}, {@link #refer}, {@link #hangUp})
 * run on the phones' lane and wait for the final response with a deadline.
 */
final class Call {

    /** How long the test's methods wait for a final response. */
    static final Duration RESPONSE_WAIT = Duration.ofSeconds(10);

    private final TestPhone line;
    private final TestPhones phones;
    private final boolean outgoing;
    private final String callId;
    private final String localTag;
    private final String localNameAddr;
    private final String remoteNameAddr;
    private final InetSocketAddress firstHop;
    private volatile String remoteTag;
    private volatile String remoteTarget;
    private volatile String remoteContact;
    private volatile List<String> routeSet = List.of();
    private long localCseq;

    private final long ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, 1L << 31);
    private long sdpVersion;
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
    private boolean wasSending;
    private volatile Sdp remote;
    private volatile boolean localHold;
    private boolean answerInAck;
    private boolean reInviting;

    private final CompletableFuture<SipMessage> finalResponse = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private volatile boolean answered;
    private final List<String> notifies = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, String> acks = new HashMap<>();

    // the taken call's INVITE, while it rings, and the 2xx sent until its ACK
    private SipMessage invite;
    private String inviteBranch;
    private ScheduledFuture<?> answerTimer;
    private ScheduledFuture<?> okRetransmission;
    private long okCseq = -1;
    /** The codec this call speaks: the line's own, unless the call was placed with another. */
    private Codec codec;

    private Call(TestPhone line, boolean outgoing, String callId, String localTag, String localNameAddr,
                 String remoteNameAddr, InetSocketAddress firstHop) {
        this.line = line;
        this.codec = line.codec();
        this.phones = line.phones();
        this.outgoing = outgoing;
        this.callId = callId;
        this.localTag = localTag;
        this.localNameAddr = localNameAddr;
        this.remoteNameAddr = remoteNameAddr;
        this.firstHop = firstHop;
    }

    /** Places a call: the INVITE with this line's offer goes to {@code nextHop}. On the lane. */
    static Call outgoing(TestPhone line, String requestUri, InetSocketAddress nextHop, String... headerLines) {
        return outgoing(line, line.codec(), requestUri, nextHop, headerLines);
    }

    /** Places a call speaking {@code codec} (a phone may use another codec on another call). On the lane. */
    static Call outgoing(TestPhone line, Codec codec, String requestUri, InetSocketAddress nextHop,
                         String... headerLines) {
        Call call = new Call(line, true, TestPhones.newTag() + "@" + TestPhones.HOST, TestPhones.newTag(),
                "<" + line.uri() + ">", "<" + requestUri + ">", nextHop);
        call.codec = codec;
        call.remoteTarget = requestUri;
        call.localCseq = 1;
        SipMessage request = call.newRequest("INVITE", 1, call.offer(Sdp.SENDRECV), true, "application/sdp",
                headers(headerLines));
        call.invite = request;
        call.phones.dialog(call);
        call.phones.request(request, nextHop, call::initialInviteResponse);
        return call;
    }

    /**
     * Takes a call: 180 then 200 with the answer (after {@link TestPhone#ringFor}), or 488 when the offer lacks this
     * line's codec; an INVITE with Replaces (RFC 3891) naming a call of this line is answered at once and that call
     * ended with BYE, one naming none gets 481. On the lane; null when the call was refused.
     */
    static Call incoming(TestPhone line, SipMessage invite) {
        TestPhones phones = line.phones();
        String localTag = TestPhones.newTag();
        Call replaced = null;
        String replaces = invite.header("Replaces");
        if (replaces != null) {
            String[] parts = replaces.split(";");
            String toTag = null;
            String fromTag = null;
            for (String part : parts) {
                String[] nameValue = part.trim().split("=", 2);
                if (nameValue[0].equalsIgnoreCase("to-tag") && nameValue.length == 2) {
                    toTag = nameValue[1];
                } else if (nameValue[0].equalsIgnoreCase("from-tag") && nameValue.length == 2) {
                    fromTag = nameValue[1];
                }
            }
            replaced = toTag == null || fromTag == null ? null : line.replaced(parts[0].trim(), toTag, fromTag);
            if (replaced == null) {
                phones.respond(invite, phones.response(invite, 481, "Call/Transaction Does Not Exist", localTag), "");
                return null;
            }
        }
        Sdp offer = Sdp.parse(invite.body());
        if (offer != null && !offer.payloadTypes().contains(line.codec().payloadType)) {
            phones.respond(invite, phones.response(invite, 488, "Not Acceptable Here", localTag), "");
            return null;
        }
        String from = invite.header("From");
        String to = invite.header("To");
        Call call = new Call(line, false, invite.header("Call-ID"), localTag, withoutTag(to), withoutTag(from), null);
        call.remoteTag = TestPhones.tagOf(from);
        call.remoteContact = invite.header("Contact");
        call.remoteTarget = SipMessage.uriIn(call.remoteContact);
        call.routeSet = invite.values("Record-Route");
        call.invite = invite;
        call.inviteBranch = SipMessage.parameter(invite.values("Via").get(0), "branch");
        phones.dialog(call);
        Call toEnd = replaced;
        if (toEnd != null || line.ringing().isZero()) {
            if (toEnd == null) {
                call.ring();
            }
            call.answer(toEnd);
        } else {
            call.ring();
            call.answerTimer = phones.schedule(() -> call.answer(null), line.ringing());
        }
        return call;
    }

    private void ring() {
        SipMessage ringing = phones.response(invite, 180, "Ringing", localTag);
        ringing.setAll("Record-Route", invite.values("Record-Route"));
        ringing.add("Contact", "<" + line.contactUri() + ">");
        phones.respond(invite, ringing, "");
    }

    private void answer(Call toEnd) {
        if (ended.isDone() || answered) {
            return;
        }
        Sdp offer = Sdp.parse(invite.body());
        String body = offer != null ? sdp(answerDirection(offer)) : offer(Sdp.SENDRECV);
        answerInAck = offer == null;
        remote = offer;
        answered = true;
        SipMessage ok = phones.response(invite, 200, "OK", localTag);
        ok.setAll("Record-Route", invite.values("Record-Route"));
        sendOk(invite, ok, body);
        finalResponse.complete(ok);
        line.answered(this);
        if (toEnd != null) {
            toEnd.bye();
        }
    }

    /** RFC 3261 13.3.1.4: the 2xx to an INVITE again from T1, doubling up to T2, until its ACK. */
    private void sendOk(SipMessage request, SipMessage ok, String body) {
        ok.add("Contact", "<" + line.contactUri() + ">");
        ok.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY");
        ok.add("Supported", "replaces");
        phones.respond(request, ok, body);
        String text = TestPhones.withBody(ok, body);
        InetSocketAddress to = SipMessage.viaAddress(request.values("Via").get(0));
        okCseq = request.cseq();
        long started = System.nanoTime();
        retransmitOk(text, to, TestPhones.T1, started);
    }

    private void retransmitOk(String text, InetSocketAddress to, Duration interval, long started) {
        if (okRetransmission != null) {
            okRetransmission.cancel(false);
        }
        okRetransmission = phones.schedule(() -> {
            if (okCseq < 0 || ended.isDone()
                    || System.nanoTime() - started > TestPhones.TRANSACTION_TIMEOUT.toNanos()) {
                return;
            }
            phones.send(text, to);
            Duration next = interval.multipliedBy(2);
            retransmitOk(text, to, next.compareTo(TestPhones.T2) > 0 ? TestPhones.T2 : next, started);
        }, interval);
    }

    // ---- the test's side ----

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    /** The other side's tag; null until the call is answered (a placed call). */
    String remoteTag() {
        return remoteTag;
    }

    /** The remote target: the URI of the other side's Contact (updated by a target refresh). */
    String remoteTarget() {
        return remoteTarget;
    }

    /** The other side's Contact header as it came, with its header parameters (a focus's {@code ;isfocus}). */
    String remoteContact() {
        return remoteContact;
    }

    /** The other side's From (taken call) or To (placed call), without its tag. */
    String remoteNameAddr() {
        return remoteNameAddr;
    }

    /** The route set, in the order requests carry it. */
    List<String> routeSet() {
        return routeSet;
    }

    TestPhone line() {
        return line;
    }

    boolean isOutgoing() {
        return outgoing;
    }

    /** Waits for the INVITE's final response: its status, or 0 when none came in time. */
    int awaitFinal(Duration within) {
        try {
            return finalResponse.get(within.toMillis(), TimeUnit.MILLISECONDS).status();
        } catch (Exception none) {
            return 0;
        }
    }

    /** The INVITE's final response (sent, for a taken call); null while there is none. */
    SipMessage finalResponse() {
        return finalResponse.getNow(null);
    }

    int status() {
        SipMessage response = finalResponse();
        return response == null ? 0 : response.status();
    }

    boolean isAnswered() {
        return answered;
    }

    boolean isEnded() {
        return ended.isDone();
    }

    /** Why the call ended ("BYE received", "BYE sent", "rejected 486", "cancelled"); null while it goes on. */
    String endReason() {
        return ended.getNow(null);
    }

    /** Waits until the call has ended: true when it did in time. */
    boolean awaitEnded(Duration within) {
        try {
            ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Whether this line sends RTP on this call now (answered, not ended, not held either way). */
    boolean isSending() {
        Sdp peer = remote;
        return answered && !ended.isDone() && !localHold && peer != null && peer.receives();
    }

    /** Where this line sends the call's RTP: the other side's last SDP; null before there is one. */
    InetSocketAddress remoteMedia() {
        Sdp peer = remote;
        return peer == null || peer.host() == null ? null : peer.address();
    }

    /** The other side's last SDP (offer or answer); null before there is one. */
    Sdp remoteSdp() {
        return remote;
    }

    /** The bodies of the NOTIFYs that came in this dialog (a REFER's progress: message/sipfrag), in order. */
    List<String> notifies() {
        return List.copyOf(notifies);
    }

    /** Waits for a NOTIFY whose body matches: its body, or null when none came in time. */
    String awaitNotify(Predicate<String> body, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (String notify : notifies) {
                if (body.test(notify)) {
                    return notify;
                }
            }
            if (System.nanoTime() > deadline) {
                return null;
            }
            Thread.sleep(20);
        }
    }

    /** Every request the other side sent in this dialog (re-INVITE, BYE, NOTIFY...), as text, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Holds the other side: re-INVITE with a=sendonly; this line stops sending. Throws unless 2xx. */
    void hold() {
        int status = await(phones.onLane(() -> {
            localHold = true;
            return reInvite(Sdp.SENDONLY);
        }));
        require(status, "hold");
    }

    /** Takes the other side off hold: re-INVITE with a=sendrecv. Throws unless 2xx. */
    void resume() {
        int status = await(phones.onLane(() -> {
            localHold = false;
            return reInvite(Sdp.SENDRECV);
        }));
        require(status, "resume");
    }

    /**
     * REFER in this dialog with this Refer-To (put in angle brackets unless it comes in them) and a Referred-By of
     * this line: the final response's status (0 when none came in time). Its NOTIFYs come to {@link #notifies}.
     */
    int refer(String referTo) {
        String value = referTo.startsWith("<") ? referTo : "<" + referTo + ">";
        return await(phones.onLane(() -> inDialogRequest("REFER", List.of(new String[] {"Refer-To", value},
                new String[] {"Referred-By", "<" + line.uri() + ">"}), "", null)));
    }

    /**
     * Any other request in this dialog (INFO, OPTIONS, a re-INVITE with an SDP of the test's own, acknowledged
     * here), with more header lines: the final status.
     */
    int request(String method, String contentType, String body, String... headerLines) {
        List<String[]> headers = headers(headerLines);
        return await(phones.onLane(() -> inDialogRequest(method, headers, body, contentType)));
    }

    private static List<String[]> headers(String... headerLines) {
        List<String[]> headers = new ArrayList<>();
        for (String headerLine : headerLines) {
            int colon = headerLine.indexOf(':');
            headers.add(new String[] {headerLine.substring(0, colon).trim(), headerLine.substring(colon + 1).trim()});
        }
        return headers;
    }

    /** Hangs up: BYE, the call ended at once (no more RTP), the BYE's final status returned. */
    int hangUp() {
        return await(phones.onLane(this::bye));
    }

    /**
     * The Replaces value naming this dialog for the other side (RFC 3891 3: to-tag is the other side's tag, the
     * one receiving the INVITE with Replaces; from-tag is this line's), raw for a Replaces header and escaped for a
     * Refer-To URI's {@code ?Replaces=}.
     */
    Replaces replacesOf() {
        String raw = callId + ";to-tag=" + remoteTag + ";from-tag=" + localTag;
        return new Replaces(raw, Replaces.escape(raw));
    }

    /** A Replaces value two ways. */
    record Replaces(String raw, String escaped) {

        /** {@code <uri?Replaces=escaped>}: a Refer-To for the party at {@code uri} to take this dialog's place. */
        String referTo(String uri) {
            return "<" + uri + (uri.contains("?") ? "&" : "?") + "Replaces=" + escaped + ">";
        }

        /** RFC 3261 25.1: a URI header's value is unreserved, hnv-unreserved or escaped characters. */
        static String escape(String value) {
            StringBuilder escaped = new StringBuilder();
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (Character.isLetterOrDigit(c) && c < 128 || "-_.!~*'()[]/?:+$".indexOf(c) >= 0) {
                    escaped.append(c);
                } else {
                    escaped.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            return escaped.toString();
        }
    }

    // ---- on the lane ----

    private CompletableFuture<SipMessage> reInvite(String direction) {
        if (reInviting) {
            SipMessage glare = SipMessage.of("SIP/2.0 491 Request Pending (ours, made up here)", "");
            return CompletableFuture.completedFuture(glare);
        }
        reInviting = true;
        long cseq = ++localCseq;
        SipMessage request = newRequest("INVITE", cseq, offer(direction), true);
        return phones.request(request, nextHop(), response -> {
            if (response.status() >= 200) {
                reInviting = false;
            }
            if (response.status() >= 200 && response.status() < 300) {
                response.optional("Contact").ifPresent(contact -> {
                    remoteContact = contact;
                    remoteTarget = SipMessage.uriIn(contact);
                });
                Sdp answer = Sdp.parse(response.body());
                if (answer != null) {
                    remote = answer;
                }
                acknowledge(cseq);
            }
        });
    }

    private CompletableFuture<SipMessage> inDialogRequest(String method, List<String[]> headers, String body,
                                                          String contentType) {
        if (ended.isDone() || !answered) {
            return CompletableFuture.completedFuture(
                    SipMessage.of("SIP/2.0 481 No Dialog (" + method + " not sent: the call is not up)", ""));
        }
        long cseq = ++localCseq;
        SipMessage request = newRequest(method, cseq, body == null ? "" : body,
                method.equals("REFER") || method.equals("INVITE"), contentType, headers);
        return phones.request(request, nextHop(), response -> {
            if (method.equals("INVITE") && response.status() >= 200 && response.status() < 300) {
                acknowledge(cseq); // an INVITE the test wrote itself: its media stays the test's affair
            }
        });
    }

    private CompletableFuture<SipMessage> bye() {
        if (ended.isDone() || !answered) {
            return CompletableFuture.completedFuture(
                    SipMessage.of("SIP/2.0 481 No Dialog (BYE not sent: the call is not up)", ""));
        }
        SipMessage request = newRequest("BYE", ++localCseq, "", false);
        end("BYE sent");
        return phones.request(request, nextHop(), response -> { });
    }

    private void initialInviteResponse(SipMessage response) {
        int status = response.status();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            acknowledgeFailure(response);
            if (!finalResponse.isDone()) {
                end("rejected " + status);
                finalResponse.complete(response);
            }
            return;
        }
        if (answered) {
            acknowledge(response.cseq()); // the 2xx again: the ACK again
            return;
        }
        remoteTag = TestPhones.tagOf(response.header("To"));
        remoteContact = response.header("Contact");
        remoteTarget = SipMessage.uriIn(remoteContact);
        List<String> reversed = new ArrayList<>(response.values("Record-Route"));
        Collections.reverse(reversed);
        routeSet = List.copyOf(reversed);
        remote = Sdp.parse(response.body());
        answered = true;
        acknowledge(response.cseq());
        finalResponse.complete(response);
    }

    /** RFC 3261 13.2.2.4: the ACK of a 2xx, a request of the dialog to the remote target by the route set. */
    private void acknowledge(long cseq) {
        String ack = acks.get(cseq);
        if (ack == null) {
            SipMessage request = newRequest("ACK", cseq, "", false);
            request.pushVia("SIP/2.0/UDP " + TestPhones.HOST + ":" + phones.port() + ";branch="
                    + TestPhones.newBranch() + ";rport");
            ack = request.text();
            acks.put(cseq, ack);
        }
        phones.send(ack, nextHop());
    }

    /** RFC 3261 17.1.1.3: the ACK of a failure, in the INVITE's transaction, where the INVITE went. */
    private void acknowledgeFailure(SipMessage response) {
        SipMessage ack = SipMessage.of("ACK " + invite.requestUri() + " SIP/2.0", "");
        ack.add("Via", invite.values("Via").get(0));
        ack.add("Max-Forwards", "70");
        ack.add("From", invite.header("From"));
        ack.add("To", response.header("To"));
        ack.add("Call-ID", callId);
        ack.add("CSeq", invite.cseq() + " ACK");
        ack.add("Content-Length", "0");
        phones.send(ack.text(), firstHop);
    }

    void acknowledged(SipMessage ack) {
        if (ack.cseq() != okCseq) {
            return;
        }
        okCseq = -1;
        if (okRetransmission != null) {
            okRetransmission.cancel(false);
        }
        if (answerInAck) {
            answerInAck = false;
            Sdp answer = Sdp.parse(ack.body());
            if (answer != null) {
                remote = answer;
            }
        }
    }

    boolean isRingingFor(String branch) {
        return !outgoing && branch.equals(inviteBranch) && !answered && !ended.isDone();
    }

    void cancelled() {
        if (answerTimer != null) {
            answerTimer.cancel(false);
        }
        SipMessage terminated = phones.response(invite, 487, "Request Terminated", localTag);
        phones.respond(invite, terminated, "");
        end("cancelled");
        finalResponse.complete(terminated);
    }

    /** A request of the other side in this dialog. */
    void inDialog(SipMessage request) {
        requests.add(request.text());
        switch (request.method()) {
            case "INVITE" -> reInvited(request);
            case "BYE" -> {
                end("BYE received");
                phones.respond(request, phones.response(request, 200, "OK", null), "");
            }
            case "NOTIFY" -> {
                notifies.add(request.body());
                phones.respond(request, phones.response(request, 200, "OK", null), "");
            }
            case "REFER" -> {
                SipMessage refused = phones.response(request, 405, "Method Not Allowed", null);
                refused.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY");
                phones.respond(request, refused, "");
            }
            default -> phones.respond(request, phones.response(request, 200, "OK", null), "");
        }
    }

    private void reInvited(SipMessage request) {
        if (reInviting) {
            phones.respond(request, phones.response(request, 491, "Request Pending", null), "");
            return;
        }
        Sdp offer = Sdp.parse(request.body());
        if (offer != null && !offer.payloadTypes().contains(codec.payloadType)) {
            phones.respond(request, phones.response(request, 488, "Not Acceptable Here", null), "");
            return;
        }
        request.optional("Contact").ifPresent(contact -> {
            remoteContact = contact;
            remoteTarget = SipMessage.uriIn(contact);
        });
        String body = offer != null ? sdp(answerDirection(offer))
                : offer(localHold ? Sdp.SENDONLY : Sdp.SENDRECV);
        answerInAck = offer == null;
        if (offer != null) {
            remote = offer;
        }
        sendOk(request, phones.response(request, 200, "OK", null), body);
    }

    /** What this line answers an offer with: a holding line keeps holding, else RFC 3264 6.1. */
    private String answerDirection(Sdp offer) {
        if (localHold) {
            return offer.receives() ? Sdp.SENDONLY : Sdp.INACTIVE;
        }
        return Sdp.answering(offer, true);
    }

    private void end(String reason) {
        if (ended.complete(reason)) {
            if (okRetransmission != null) {
                okRetransmission.cancel(false);
            }
            if (answerTimer != null) {
                answerTimer.cancel(false);
            }
        }
    }

    /** Every 20 ms: one RTP packet of the tone while sending; the stream's clock runs on while it is silent. */
    void tick() {
        if (!answered || ended.isDone()) {
            return;
        }
        boolean sending = isSending();
        if (sending) {
            byte[] payload = line.frame(timestamp, codec);
            byte[] packet = new byte[12 + payload.length];
            packet[0] = (byte) 0x80;
            packet[1] = (byte) ((wasSending ? 0 : 0x80) | codec.payloadType);
            packet[2] = (byte) (sequence >> 8);
            packet[3] = (byte) sequence;
            for (int i = 0; i < 4; i++) {
                packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
                packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
            }
            System.arraycopy(payload, 0, packet, 12, payload.length);
            line.sendRtp(packet, remote.address());
            sequence = (sequence + 1) & 0xFFFF;
        }
        wasSending = sending;
        timestamp = (timestamp + 160) & 0xFFFFFFFFL;
    }

    private String offer(String direction) {
        return sdp(direction);
    }

    private String sdp(String direction) {
        return Sdp.format(sessionId, sdpVersion++, line.rtpPort(), codec, direction);
    }

    private SipMessage newRequest(String method, long cseq, String body, boolean withContact) {
        return newRequest(method, cseq, body, withContact || method.equals("INVITE"),
                body.isEmpty() ? null : "application/sdp", List.of());
    }

    /** RFC 3261 12.2.1.1: a request of the dialog (the first INVITE too: no To tag, no route set yet). */
    private SipMessage newRequest(String method, long cseq, String body, boolean withContact, String contentType,
                                  List<String[]> headers) {
        SipMessage request = SipMessage.of(method + " " + remoteTarget + " SIP/2.0", body);
        request.add("Max-Forwards", "70");
        request.add("From", localNameAddr + ";tag=" + localTag);
        request.add("To", remoteTag == null ? remoteNameAddr : remoteNameAddr + ";tag=" + remoteTag);
        request.add("Call-ID", callId);
        request.add("CSeq", cseq + " " + method);
        request.setAll("Route", routeSet);
        if (withContact) {
            request.add("Contact", "<" + line.contactUri() + ">");
        }
        if (method.equals("INVITE")) {
            request.add("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, NOTIFY");
            request.add("Supported", "replaces");
        }
        for (String[] header : headers) {
            request.add(header[0], header[1]);
        }
        if (!body.isEmpty()) {
            request.add("Content-Type", contentType == null ? "application/sdp" : contentType);
        }
        request.add("Content-Length", Integer.toString(body.getBytes(StandardCharsets.ISO_8859_1).length));
        return request;
    }

    /** RFC 3261 12.2.1.1 with loose routing: to the first Route, else to the remote target. */
    private InetSocketAddress nextHop() {
        return routeSet.isEmpty() ? SipMessage.addressOf(remoteTarget)
                : SipMessage.addressOf(SipMessage.uriIn(routeSet.get(0)));
    }

    private static String withoutTag(String nameAddr) {
        int close = nameAddr.lastIndexOf('>');
        int tag = nameAddr.toLowerCase().indexOf(";tag=", Math.max(close, 0));
        if (tag < 0) {
            return nameAddr;
        }
        int end = nameAddr.indexOf(';', tag + 1);
        return nameAddr.substring(0, tag) + (end < 0 ? "" : nameAddr.substring(end));
    }

    private static int await(CompletableFuture<SipMessage> response) {
        try {
            return response.get(RESPONSE_WAIT.toMillis(), TimeUnit.MILLISECONDS).status();
        } catch (Exception none) {
            return 0;
        }
    }

    private void require(int status, String what) {
        if (status < 200 || status >= 300) {
            throw new IllegalStateException(what + " of the call " + callId + " of " + line + " failed: "
                    + (status == 0 ? "no final response in " + RESPONSE_WAIT : "status " + status));
        }
    }

    @Override
    public String toString() {
        return (outgoing ? "call from " : "call to ") + line + " (" + callId + ", "
                + (ended.isDone() ? ended.getNow("") : answered ? "answered" : "not answered") + ")";
    }
}
