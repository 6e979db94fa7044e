package kz.btcom.fs.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Predicate;

/**
 * JAIN-SIP's sockets with Nagle's algorithm off on every TCP connection, opened or accepted. A SIP message is
 * written in one go and the next one (a 200 right behind its 180) must not wait for the peer's delayed ACK:
 * with Nagle on, TCP call set-up took 24 ms at the median against 4 ms over UDP.
 *
 * <p>The UDP socket a listening point receives on screens each datagram as it arrives ({@link ArrivalAdmission}):
 * a new call refused for overload is answered there, before the stack's receive queue.
 */
public final class NoDelayNetworkLayer implements NetworkLayer {

    private final NetworkLayer sockets = DefaultNetworkLayer.SINGLETON;
    private volatile String stackName;
    /** The server's boundary (TCP limits, trusted peers), found by the stack's name; null for a stack not started
     *  by {@link SipServer}. */
    private volatile PeerGuard guard;

    public NoDelayNetworkLayer() {
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        PeerGuard peers = guard;
        return peers == null ? new NoDelayServerSocket(port, backlog, bindAddress)
                : new LimitedServerSocket(port, backlog, bindAddress, peers);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return sockets.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return noDelay(sockets.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return noDelay(sockets.createSocket(address, port, localAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(sockets.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return sockets.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return sockets.createSSLSocket(address, port, localAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return sockets.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        if (localAddress.isMulticastAddress()) {
            return sockets.createDatagramSocket(port, localAddress);
        }
        String name = stackName;
        // Only a trusted peer's INVITE is judged for admission here: a stranger's goes on to the stack's
        // TrustValve (403 or nothing), and never takes a place among the admission decisions.
        return new ScreeningDatagramSocket(port, localAddress,
                new ArrivalAdmission(() -> name == null ? null : Admission.of(name)), source -> {
                    PeerGuard peers = guard;
                    return peers == null || peers.trusts(source);
                });
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        sockets.setSipStack(stack);
        stackName = stack.getStackName();
        guard = PeerGuard.of(stack.getStackName());
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A listening point's UDP socket: what {@link ArrivalAdmission} answers itself never reaches the stack. */
    private static final class ScreeningDatagramSocket extends DatagramSocket {
        private final ArrivalAdmission admission;
        private final Predicate<InetAddress> trusted;

        ScreeningDatagramSocket(int port, InetAddress localAddress, ArrivalAdmission admission,
                                Predicate<InetAddress> trusted) throws SocketException {
            super(port, localAddress);
            this.admission = admission;
            this.trusted = trusted;
        }

        @Override
        public void receive(DatagramPacket packet) throws IOException {
            int capacity = packet.getLength();
            while (true) {
                super.receive(packet);
                if (!trusted.test(packet.getAddress()) || !admission.answered(packet, this)) {
                    return;
                }
                packet.setLength(capacity);
            }
        }
    }

    /** Accepted connections (the core connecting to us) get the same treatment, and the CR guard. */
    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
            super(port, backlog, bindAddress);
        }

        @Override
        public Socket accept() throws IOException {
            // The stack's reader dies of a line that starts with two CRs: its input is guarded.
            Socket accepted = new LineStartCarriageReturns.GuardedSocket();
            implAccept(accepted);
            return noDelay(accepted);
        }
    }
}
