package kz.btcom.fs.media;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds a block of free UDP ports on loopback, so tests running side by side do not collide. */
final class FreePorts {

    private FreePorts() {
    }

    /** The first (even) port of {@code size} consecutive ports that are free right now. */
    static int evenBlock(int size) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(15000);
            if (allFree(base, size)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + size + " free UDP ports in a row on loopback");
    }

    static boolean isFree(int port) {
        return allFree(port, 1);
    }

    private static boolean allFree(int base, int size) {
        List<DatagramSocket> probes = new ArrayList<>();
        try {
            for (int port = base; port < base + size; port++) {
                probes.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            probes.forEach(DatagramSocket::close);
        }
    }
}
