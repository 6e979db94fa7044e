package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** TCP set-up was 24 ms at the median (Nagle and delayed ACK) until every SIP connection turned Nagle off. */
class NoDelayNetworkLayerTest {

    private final NoDelayNetworkLayer layer = new NoDelayNetworkLayer();
    private final InetAddress loopback = InetAddress.getLoopbackAddress();

    @Test
    void connectionsTheServerOpensAndAcceptsSendAtOnce() throws Exception {
        try (ServerSocket listening = layer.createServerSocket(0, 1, loopback);
             Socket opened = layer.createSocket(loopback, listening.getLocalPort());
             Socket accepted = listening.accept()) {
            assertTrue(opened.getTcpNoDelay(), "a connection the server opens");
            assertTrue(accepted.getTcpNoDelay(), "a connection the server accepts");
        }
    }
}
