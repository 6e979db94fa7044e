package kz.btcom.fs.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Plays the caller's phone in loopback tests: a UDP socket on 127.0.0.1 that records the RTP it gets. */
final class RtpCaller implements AutoCloseable {

    private final DatagramSocket socket;

    RtpCaller() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(50);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An offer like SIPp's, listing {@code formats} ("8 0", "0"...). */
    String offer(String formats) {
        return "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP " + formats + "\r\n";
    }

    /**
     * Records packets until {@code done} holds and nothing more came for {@code quiet}, or {@code limit} passed.
     */
    List<Received> receiveUntil(BooleanSupplier done, Duration quiet, Duration limit) throws IOException {
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        long quietSince = -1;
        byte[] buffer = new byte[2048];
        while (System.nanoTime() < deadline) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
                received.add(new Received(System.nanoTime(), datagram.getPort(),
                        Arrays.copyOf(datagram.getData(), datagram.getLength())));
                quietSince = -1;
            } catch (SocketTimeoutException e) {
                if (done.getAsBoolean()) {
                    long now = System.nanoTime();
                    quietSince = quietSince < 0 ? now : quietSince;
                    if (now - quietSince >= quiet.toNanos()) {
                        break;
                    }
                }
            }
        }
        return received;
    }

    void send(int toPort, byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), toPort));
    }

    @Override
    public void close() {
        socket.close();
    }

    /** One datagram as it arrived, with the RTP fields read from its (fixed, 12-byte) header. */
    record Received(long arrivalNanos, int sourcePort, byte[] data) {

        int version() {
            return (data[0] & 0xFF) >> 6;
        }

        boolean marker() {
            return (data[1] & 0x80) != 0;
        }

        int payloadType() {
            return data[1] & 0x7F;
        }

        int sequence() {
            return ByteBuffer.wrap(data, 2, 2).getShort() & 0xFFFF;
        }

        long timestamp() {
            return ByteBuffer.wrap(data, 4, 4).getInt() & 0xFFFF_FFFFL;
        }

        long ssrc() {
            return ByteBuffer.wrap(data, 8, 4).getInt() & 0xFFFF_FFFFL;
        }

        /** The payload decoded with {@code codec}: its RMS level. */
        double rms(Codec codec) {
            double sum = 0;
            for (int i = 12; i < data.length; i++) {
                double sample = codec.decode(data[i]);
                sum += sample * sample;
            }
            return Math.sqrt(sum / (data.length - 12));
        }
    }
}
