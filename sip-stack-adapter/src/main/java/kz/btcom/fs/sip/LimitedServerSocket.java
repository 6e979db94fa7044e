package kz.btcom.fs.sip;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIP/TCP listening socket with {@link TcpLimits}: at most {@code maxConnections} accepted connections open at
 * once (one more is closed as soon as it is accepted, rather than left waiting in the backlog as the stack's own
 * MAX_CONNECTIONS does), each closed after {@code idleTimeout} without a byte (its reader's blocking read times
 * out, and the stack closes a connection whose read fails). Nagle is off on every connection.
 * <p>
 * A trusted peer's connection is never refused for the limit (it still counts): strangers filling every place
 * must not lock the core out. With {@link UntrustedPolicy#DROP} a stranger's connection is closed at once (and
 * counted and logged as its requests would be): nothing it could send would be answered.
 */
final class LimitedServerSocket extends ServerSocket {

    private static final Logger LOG = LoggerFactory.getLogger(LimitedServerSocket.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    private final TcpLimits limits;
    private final PeerGuard guard;
    private final boolean dropStrangers;
    private final AtomicInteger open = new AtomicInteger();
    private volatile long lastWarned = System.nanoTime() - WARN_EVERY_NANOS;

    LimitedServerSocket(int port, int backlog, InetAddress bindAddress, PeerGuard guard) throws IOException {
        super(port, backlog, bindAddress);
        this.limits = guard.boundary.tcp();
        this.guard = guard;
        this.dropStrangers = guard.boundary.untrustedPolicy() == UntrustedPolicy.DROP;
    }

    /** Accepted connections open now. */
    int openConnections() {
        return open.get();
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            CountedSocket socket = new CountedSocket(open);
            implAccept(socket);
            boolean fromTrustedPeer = guard.trusts(socket.getInetAddress());
            if (!fromTrustedPeer && dropStrangers) {
                socket.close();
                guard.refused(socket.getInetAddress(), "a connection", "tcp");
                continue;
            }
            if (open.incrementAndGet() > limits.maxConnections() && !fromTrustedPeer) {
                open.decrementAndGet();
                socket.close();
                warnFull(socket);
                continue;
            }
            socket.counted.set(true);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()));
            return socket;
        }
    }

    private void warnFull(Socket refused) {
        long now = System.nanoTime();
        if (now - lastWarned >= WARN_EVERY_NANOS) {
            lastWarned = now;
            LOG.warn("SIP over TCP: {} connections open, the most allowed (sip.tcp.maxConnections); closed a new one"
                    + " from {} (logged at most once a minute)", limits.maxConnections(), refused.getInetAddress());
        }
    }

    /**
     * Gives its place back once, however often it is closed (the stack closes a socket from several places); its
     * input has the CR guard of {@link LineStartCarriageReturns}, as every accepted connection's.
     */
    private static final class CountedSocket extends LineStartCarriageReturns.GuardedSocket {
        private final AtomicInteger open;
        private final AtomicBoolean counted = new AtomicBoolean();

        CountedSocket(AtomicInteger open) {
            this.open = open;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                if (counted.compareAndSet(true, false)) {
                    open.decrementAndGet();
                }
            }
        }
    }
}
