package kz.btcom.fs.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A conference party's phone in loopback tests: sends a sine tone of its own frequency as 20 ms G.711 RTP packets
 * (paced from its start, like a real phone) and records every RTP packet it is sent.
 */
final class TonePhone implements AutoCloseable {

    static final int AMPLITUDE = 6000;

    private final Codec codec;
    private final double frequency;
    private final DatagramSocket socket;
    private final ScheduledExecutorService sender;
    private final Thread receiver;
    private final List<RtpCaller.Received> received = new ArrayList<>();
    private final long ssrc = 0x5EED_0000L + (long) (Math.random() * 0xFFFF);
    private ScheduledFuture<?> sending;
    private long samplesSent;

    TonePhone(Codec codec, double frequency) throws IOException {
        this.codec = codec;
        this.frequency = frequency;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(50);
        sender = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "phone-" + (int) frequency));
        receiver = new Thread(this::receive, "phone-" + (int) frequency + "-rx");
        receiver.setDaemon(true);
        receiver.start();
    }

    /** An offer of this phone's codec only. */
    String offer() {
        return "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + socket.getLocalPort() + " RTP/AVP " + codec.staticPayloadType() + "\r\n";
    }

    void startSending(int toPort) {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), toPort);
        sending = sender.scheduleAtFixedRate(() -> sendFrame(to), 0, 20, TimeUnit.MILLISECONDS);
    }

    void stopSending() throws Exception {
        sending.cancel(false);
        sender.submit(() -> { }).get(5, TimeUnit.SECONDS); // the frame being sent, if any, is out
    }

    /** Waits until {@code count} more packets than now have come; false at the deadline. */
    boolean awaitMorePackets(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (received) {
            int target = received.size() + count;
            while (received.size() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(received, left);
            }
            return true;
        }
    }

    List<RtpCaller.Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The last {@code frames} packets' payloads, decoded. */
    short[] lastHeard(int frames) {
        List<RtpCaller.Received> packets = received();
        List<RtpCaller.Received> last = packets.subList(packets.size() - frames, packets.size());
        short[] samples = new short[frames * 160];
        int at = 0;
        for (RtpCaller.Received packet : last) {
            for (int i = 12; i < packet.data().length; i++) {
                samples[at++] = codec.decode(packet.data()[i]);
            }
        }
        return Arrays.copyOf(samples, at);
    }

    /** The amplitude of the {@code frequency} component of {@code samples} (Goertzel). */
    static double amplitudeAt(short[] samples, double frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / Codec.CLOCK_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : samples) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double power = previous * previous + beforePrevious * beforePrevious
                - coefficient * previous * beforePrevious;
        return 2 * Math.sqrt(power) / samples.length;
    }

    @Override
    public void close() throws InterruptedException {
        sender.shutdownNow();
        socket.close();
        receiver.join(5000);
    }

    private void sendFrame(InetSocketAddress to) {
        byte[] packet = new byte[12 + 160];
        ByteBuffer header = ByteBuffer.wrap(packet);
        header.put((byte) 0x80).put((byte) codec.staticPayloadType()).putShort((short) (samplesSent / 160))
                .putInt((int) samplesSent).putInt((int) ssrc);
        for (int i = 0; i < 160; i++) {
            double t = (samplesSent + i) / (double) Codec.CLOCK_RATE;
            packet[12 + i] = codec.encode((short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * frequency * t)));
        }
        samplesSent += 160;
        try {
            socket.send(new DatagramPacket(packet, packet.length, to));
        } catch (IOException e) {
            // the test is ending
        }
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                continue;
            }
            RtpCaller.Received packet = new RtpCaller.Received(System.nanoTime(), datagram.getPort(),
                    Arrays.copyOf(datagram.getData(), datagram.getLength()));
            synchronized (received) {
                received.add(packet);
                received.notifyAll();
            }
        }
    }
}
