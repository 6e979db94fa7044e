package kz.btcom.fs.media;

import java.util.OptionalInt;

/**
 * The even RTP ports of the configured range, handed out round-robin: a port just released is the last to be
 * reused, so late packets of a finished call do not reach the next one.
 */
final class PortPool {

    private final int firstPort;
    private final boolean[] taken;
    private int cursor;
    private int inUse;

    PortPool(int firstEvenPort, int capacity) {
        if (firstEvenPort % 2 != 0 || capacity < 1) {
            throw new IllegalArgumentException("an RTP port pool starts on an even port and holds at least one");
        }
        this.firstPort = firstEvenPort;
        this.taken = new boolean[capacity];
    }

    synchronized OptionalInt take() {
        for (int i = 0; i < taken.length; i++) {
            int slot = (cursor + i) % taken.length;
            if (!taken[slot]) {
                taken[slot] = true;
                inUse++;
                cursor = (slot + 1) % taken.length;
                return OptionalInt.of(firstPort + 2 * slot);
            }
        }
        return OptionalInt.empty();
    }

    synchronized void release(int port) {
        int slot = (port - firstPort) / 2;
        if (slot >= 0 && slot < taken.length && taken[slot]) {
            taken[slot] = false;
            inUse--;
        }
    }

    int capacity() {
        return taken.length;
    }

    synchronized int inUse() {
        return inUse;
    }
}
