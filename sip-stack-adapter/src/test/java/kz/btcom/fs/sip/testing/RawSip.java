package kz.btcom.fs.sip.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP as bytes from any local address (a second loopback address such as 127.0.0.2 plays a stranger): requests
 * written by hand, answers read back whole. For tests of what the server does with what arrives on the wire.
 */
public final class RawSip {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:content-length|l)\\s*:\\s*(\\d+)");

    private RawSip() {
    }

    /** An out-of-dialog request from {@code host:port} over {@code transport}, with a fresh Call-ID and tags. */
    public static String request(String method, String requestUri, String host, int port, String transport,
                                 String... extraHeaders) {
        String callId = UUID.randomUUID() + "@" + host;
        StringBuilder text = new StringBuilder()
                .append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/").append(transport).append(' ').append(host).append(':').append(port)
                .append(";branch=z9hG4bK").append(UUID.randomUUID().toString(), 0, 8).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:+77272111111@").append(host).append(">;tag=").append(callId, 0, 6).append("\r\n")
                .append("To: <").append(requestUri).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 ").append(method).append("\r\n")
                .append("Contact: <sip:stranger@").append(host).append(':').append(port).append(">\r\n");
        for (String header : extraHeaders) {
            text.append(header).append("\r\n");
        }
        return text.append("Content-Length: 0\r\n\r\n").toString();
    }

    /** The status code of a response's text. */
    public static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    /** A UDP socket on {@code address}, any port. */
    public static DatagramSocket udp(String address) throws SocketException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
        socket.setSoTimeout((int) SipPeer.WAIT.toMillis());
        return socket;
    }

    public static void send(DatagramSocket socket, String text, int port) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName(SipPeer.HOST), port));
    }

    /** The next datagram's text; fails after {@link SipPeer#WAIT}. */
    public static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** A TCP connection from {@code address} to the server's port. */
    public static Socket tcp(String address, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(address, 0));
        socket.connect(new InetSocketAddress(SipPeer.HOST, port), (int) SipPeer.WAIT.toMillis());
        socket.setSoTimeout((int) SipPeer.WAIT.toMillis());
        return socket;
    }

    public static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** The next message on the connection (headers and body); fails after the socket's timeout. */
    public static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + headers);
            }
            if (headers.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLFs
            }
            headers.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        String text = headers.toString(StandardCharsets.UTF_8);
        Matcher length = CONTENT_LENGTH.matcher(text);
        int body = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return text + new String(in.readNBytes(body), StandardCharsets.UTF_8);
    }

    /**
     * Waits until the server closes the connection (end of stream or a reset), at most {@code within}; empty if it
     * did, else what it sent or that it stayed open.
     */
    public static Optional<String> awaitClosed(Socket socket, java.time.Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                int b = socket.getInputStream().read();
                if (b < 0) {
                    return Optional.empty();
                }
                if (b != '\r' && b != '\n') { // CRLF keep-alives are not messages
                    return Optional.of("it sent a byte: " + (char) b);
                }
            }
        } catch (SocketTimeoutException e) {
            return Optional.of("still open after " + within);
        } catch (SocketException e) {
            return Optional.empty(); // reset
        }
    }
}
