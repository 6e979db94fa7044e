package kz.btcom.fs.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * JAIN-SIP's sockets with Nagle's algorithm off on every TCP connection, opened or accepted. A SIP message is
 * written in one go and the next one (a 200 right behind its 180) must not wait for the peer's delayed ACK:
 * with Nagle on, TCP call set-up took 24 ms at the median against 4 ms over UDP.
 */
public final class NoDelayNetworkLayer implements NetworkLayer {

    private final NetworkLayer sockets = DefaultNetworkLayer.SINGLETON;

    public NoDelayNetworkLayer() {
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new NoDelayServerSocket(port, backlog, bindAddress);
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
        return sockets.createDatagramSocket(port, localAddress);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        sockets.setSipStack(stack);
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
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
