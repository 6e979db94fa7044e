package kz.btcom.fs.media;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a closed media socket has really let go of its port. The JDK closes a socket registered with a
 * selector only at that selector's next select, so for a moment after the channel reports closed the port is still
 * bound, and a call that gets it at once would fail to bind.
 */
final class SocketRelease {

    private static final int ATTEMPTS = 50;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private SocketRelease() {
    }

    /** @return whether the port was seen free (false: still bound after about 50 ms, or it could not be told) */
    static boolean awaitFree(InetSocketAddress address) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (DatagramChannel probe = DatagramChannel.open(address.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
                probe.bind(address);
                return true;
            } catch (BindException e) {
                LockSupport.parkNanos(PAUSE_NANOS);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
