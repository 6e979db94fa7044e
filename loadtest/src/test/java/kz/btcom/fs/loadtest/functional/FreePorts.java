package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Loopback ports nobody uses right now, for the server under test and its peers. */
final class FreePorts {

    private FreePorts() {
    }

    /** Free for both UDP and TCP, as a SIP port must be. */
    static int sip() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    static int tcp() {
        try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (at most 10 s) until something listens on this UDP port: a SIPp side started in the background. */
    static void awaitUdpListening(int port) throws IOException, InterruptedException {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String row : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] fields = row.trim().split("\\s+");
                if (fields.length > 1 && (fields[1] + " ").endsWith(local)) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nothing listens on UDP port " + port);
    }
}
