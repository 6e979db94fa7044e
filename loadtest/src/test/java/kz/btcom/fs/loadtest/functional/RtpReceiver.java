package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The caller's media port: takes the RTP the server streams and keeps, per packet, when it arrived, its header and
 * its payload, so a test can check the packets, their 20 ms pacing, and what they sound like ({@link ToneCadence}).
 */
final class RtpReceiver implements AutoCloseable {

    /** One RTP packet as received; {@code payload} is what follows the 12-byte header. */
    record Packet(long arrivalNanos, int version, int payloadType, boolean marker, int sequence, long timestamp,
                  long ssrc, int payloadBytes, byte[] payload) {
    }

    private final DatagramSocket socket;
    private final List<Packet> packets = new ArrayList<>();
    private final Thread thread;

    RtpReceiver() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(200);
        thread = new Thread(this::receive, "rtp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException quiet) {
                continue;
            } catch (IOException closed) {
                return;
            }
            long now = System.nanoTime();
            if (datagram.getLength() < 12) {
                continue;
            }
            byte[] b = datagram.getData();
            Packet packet = new Packet(now, (b[0] & 0xC0) >> 6, b[1] & 0x7F, (b[1] & 0x80) != 0,
                    ((b[2] & 0xFF) << 8) | (b[3] & 0xFF),
                    ((long) (b[4] & 0xFF) << 24) | ((b[5] & 0xFF) << 16) | ((b[6] & 0xFF) << 8) | (b[7] & 0xFF),
                    ((long) (b[8] & 0xFF) << 24) | ((b[9] & 0xFF) << 16) | ((b[10] & 0xFF) << 8) | (b[11] & 0xFF),
                    datagram.getLength() - 12, Arrays.copyOfRange(b, 12, datagram.getLength()));
            synchronized (packets) {
                packets.add(packet);
            }
        }
    }

    List<Packet> packets() {
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** Forgets what came so far, for the next call. */
    void clear() {
        synchronized (packets) {
            packets.clear();
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
