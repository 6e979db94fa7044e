package kz.btcom.fs.sip;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.DatagramPacket;
import java.net.InetAddress;

/**
 * Sends bytes from the server's UDP socket to the source of the datagram a stack thread is parsing right now: the
 * only address an answer to an unparseable request may go to (its Via may be missing, or name anyone).
 * While parsing, the stack knows the packet but exposes neither it nor a way to send raw bytes, so both are
 * reached by reflection, once; only bad requests ever come here. If that stops working, {@link #AVAILABLE} is
 * false and the stack's own handling applies.
 */
final class DatagramReply {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramReply.class);
    private static final Field PACKET;
    private static final Method SEND;
    static final boolean AVAILABLE;

    static {
        Field packet = null;
        Method send = null;
        try {
            packet = UDPMessageChannel.class.getDeclaredField("incomingPacket");
            packet.setAccessible(true);
            send = MessageChannel.class.getDeclaredMethod("sendMessage", byte[].class, InetAddress.class,
                    int.class, boolean.class);
            send.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot answer unparseable requests ourselves; the SIP stack's own handling applies: {}",
                    e.toString());
            packet = null;
            send = null;
        }
        PACKET = packet;
        SEND = send;
        AVAILABLE = packet != null;
    }

    private DatagramReply() {
    }

    /** The datagram's source as "address:port", as the stack writes it; "" when it cannot be read. */
    static String sourceOf(UDPMessageChannel channel) {
        if (!AVAILABLE) {
            return "";
        }
        try {
            DatagramPacket source = (DatagramPacket) PACKET.get(channel);
            return source.getAddress().getHostAddress() + ":" + source.getPort();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    /** True if sent. */
    static boolean send(UDPMessageChannel channel, byte[] bytes) {
        if (!AVAILABLE) {
            return false;
        }
        try {
            DatagramPacket source = (DatagramPacket) PACKET.get(channel);
            SEND.invoke(channel, bytes, source.getAddress(), source.getPort(), false);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("could not answer a malformed request: {}", e.toString());
            return false;
        }
    }
}
