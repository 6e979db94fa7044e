package kz.btcom.fs.sip.testing;

/**
 * One side of a dialog as a test peer keeps it (RFC 3261 12): Call-ID, both tags, the remote target, and the
 * local CSeq, so in-dialog requests (ACK, BYE, re-INVITE, UPDATE, INFO, PRACK) come out right.
 */
public final class PeerDialog {

    private final SipPeer peer;
    private final String callId;
    private final String local;
    private final String remote;
    private final String remoteTarget;
    private long localCseq;

    private PeerDialog(SipPeer peer, String callId, String local, String remote, String remoteTarget, long localCseq) {
        this.peer = peer;
        this.callId = callId;
        this.local = local;
        this.remote = remote;
        this.remoteTarget = remoteTarget;
        this.localCseq = localCseq;
    }

    static PeerDialog asCaller(SipPeer peer, SipMessage invite, SipMessage response) {
        if (response.toTag() == null) {
            throw new IllegalArgumentException("no dialog without a To tag: " + response.summary());
        }
        return new PeerDialog(peer, invite.callId(), invite.header("From"), response.header("To"),
                SipMessage.uriOf(response.header("Contact")), invite.cseq());
    }

    static PeerDialog asCallee(SipPeer peer, SipMessage invite, String ourTag) {
        return new PeerDialog(peer, invite.callId(), invite.header("To") + ";tag=" + ourTag, invite.header("From"),
                SipMessage.uriOf(invite.header("Contact")), 100);
    }

    /** A new in-dialog request with the next CSeq. */
    public OutgoingRequest request(String method) {
        localCseq++;
        return inDialog(method, localCseq + " " + method);
    }

    /** The ACK of a 2xx to an INVITE (RFC 3261 13.2.2.4: a new transaction, the INVITE's CSeq number). */
    public OutgoingRequest ack(SipMessage answer) {
        return inDialog("ACK", answer.cseq() + " ACK").without("Contact");
    }

    /** The PRACK of a reliable provisional response (RFC 3262 7.2: RAck = RSeq, CSeq number and method). */
    public OutgoingRequest prack(SipMessage reliableProvisional) {
        return request("PRACK").header("RAck", reliableProvisional.header("RSeq").trim() + " "
                + reliableProvisional.header("CSeq").trim());
    }

    public String callId() {
        return callId;
    }

    /** This side's tag. */
    public String localTag() {
        return SipMessage.param(local, "tag");
    }

    /** The other side's tag. */
    public String remoteTag() {
        return SipMessage.param(remote, "tag");
    }

    private OutgoingRequest inDialog(String method, String cseq) {
        return peer.request(method, remoteTarget)
                .replace("From", local)
                .replace("To", remote)
                .replace("Call-ID", callId)
                .replace("CSeq", cseq);
    }
}
