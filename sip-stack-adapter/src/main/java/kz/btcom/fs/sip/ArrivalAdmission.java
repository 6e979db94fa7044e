package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.function.Supplier;

/**
 * Admission at the UDP socket, as a datagram arrives and before it waits in the stack's receive queue: an initial
 * INVITE is judged on a quick scan ({@link DatagramRequestScan}) and, when refused, answered 503 from here, statelessly,
 * without the parse, the queue, a transaction or a dialog; the ACK for that 503 is dropped here too. Refusing is then
 * cheap and immediate whatever the backlog behind it, which is what keeps goodput up at twice the sustainable rate:
 * a refusal that waits its turn in a long queue comes after the caller's retransmissions, and adds to them.
 *
 * <p>What is admitted, and whatever this scan cannot read plainly, goes on to the stack as before, where
 * {@link AdmissionValve} answers from the same decisions. While a SIP capture is running the screen steps aside, so
 * that the capture sees the INVITE and its 503 as the stack reports them.
 */
final class ArrivalAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(ArrivalAdmission.class);

    private final Supplier<Admission> admission;
    private volatile Admission known;

    /** @param admission the server's admission, looked up when a datagram comes (the stack exists before it) */
    ArrivalAdmission(Supplier<Admission> admission) {
        this.admission = admission;
    }

    /** True when the datagram was dealt with here and the stack must not see it. Never throws. */
    boolean answered(DatagramPacket packet, DatagramSocket socket) {
        try {
            byte[] data = packet.getData();
            int offset = packet.getOffset();
            int length = packet.getLength();
            boolean invite = DatagramRequestScan.startsWithMethod(data, offset, length, "INVITE");
            if (!invite && !DatagramRequestScan.startsWithMethod(data, offset, length, "ACK")) {
                return false;
            }
            Admission current = known;
            if (current == null) {
                current = admission.get();
                known = current;
            }
            if (current == null || MessageCapture.anyActive()) {
                return false;
            }
            DatagramRequestScan scan = DatagramRequestScan.of(data, offset, length);
            if (scan == null) {
                return false;
            }
            if (!invite) {
                return scan.toTagged() && current.decisions().wasRefused(scan.callId(), scan.branch());
            }
            if (scan.toTagged()) {
                return false; // a re-INVITE: the call's
            }
            AdmissionDecisions.Verdict verdict = current.admit(scan.callId(), scan.branch());
            if (!verdict.refuses()) {
                return false;
            }
            AdmissionDecisions.Decision decision = current.decisions().of(scan.callId(), scan.branch());
            byte[] refusal = scan.serviceUnavailable(decision != null && decision.refusalTag != null
                    ? decision.refusalTag : Tags.newTag(), current.retryAfterSeconds());
            // To where it came from, as the stack answers a request on its incoming channel.
            socket.send(new DatagramPacket(refusal, refusal.length, packet.getSocketAddress()));
            LOG.debug("call {} refused with 503 on arrival ({})", scan.callId(), verdict);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("arrival admission: {}; the stack takes the datagram", e.toString());
            return false;
        }
    }
}
