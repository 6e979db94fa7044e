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

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /**
     * Free for both UDP and TCP like {@link #sip()}, but below the kernel's ephemeral range, where no outgoing
     * connection takes a port by itself: for a process that opens connections (a node's database pool) before it
     * binds the port it was given. A cluster run lost a node to that once ("Address already in use").
     */
    static int sipOutsideEphemeralRange() {
        int below = ephemeralRangeStart();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(10_000, below);
            if (!HANDED_OUT.add(port)) {
                continue; // given to another part of this run already, perhaps not bound yet
            }
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP below " + below);
    }

    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: a /proc file says its size is 0, and readString then read one byte.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Math.max(10_001, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
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
