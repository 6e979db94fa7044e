package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core for the wire fuzz, over UDP on loopback: every INVITE the server sends on is refused with 486, except
 * one to {@link #ANSWERED_NUMBER}, which is answered (the normal call after the fuzz); BYE, CANCEL and any other
 * request get 200, ACK and responses nothing. Answers go to the datagram's source only.
 */
final class WireCore implements AutoCloseable {

    static final String ANSWERED_NUMBER = "77272999000";

    private final DatagramSocket socket;
    private final Thread thread;
    final AtomicInteger invites = new AtomicInteger();

    WireCore(int port) throws SocketException {
        socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "wire-fuzz-core");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        byte[] buffer = new byte[65_536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String request = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
                String answer = answer(request);
                if (answer != null) {
                    byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
                    socket.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private String answer(String request) {
        if (request.startsWith("SIP/") || request.startsWith("ACK ")) {
            return null;
        }
        String method = request.substring(0, Math.max(0, request.indexOf(' ')));
        boolean invite = method.equals("INVITE");
        if (invite) {
            invites.incrementAndGet();
        }
        boolean answered = invite && request.startsWith("INVITE sip:+" + ANSWERED_NUMBER)
                || invite && request.startsWith("INVITE sip:" + ANSWERED_NUMBER);
        String sdp = answered ? "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 10002 RTP/AVP 8\r\n" : "";
        StringBuilder out = new StringBuilder(invite && !answered ? "SIP/2.0 486 Busy Here\r\n" : "SIP/2.0 200 OK\r\n");
        for (String line : request.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase();
            switch (name) {
                case "via", "v", "from", "f", "call-id", "i", "cseq" -> out.append(line).append("\r\n");
                case "to", "t" -> out.append(line).append(line.contains("tag=") ? "" : ";tag=core").append("\r\n");
                default -> {
                }
            }
        }
        if (answered) {
            out.append("Contact: <sip:").append(ANSWERED_NUMBER).append("@127.0.0.1:").append(socket.getLocalPort())
                    .append(">\r\nContent-Type: application/sdp\r\n");
        }
        return out.append("Content-Length: ").append(sdp.length()).append("\r\n\r\n").append(sdp).toString();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
