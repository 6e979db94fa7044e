package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortPoolTest {

    @Test
    void evenPortsUntilNoneIsLeft() {
        PortPool pool = new PortPool(40000, 2);

        assertEquals(OptionalInt.of(40000), pool.take());
        assertEquals(OptionalInt.of(40002), pool.take());
        assertEquals(OptionalInt.empty(), pool.take());
        assertEquals(2, pool.inUse());
    }

    @Test
    void aReleasedPortIsTheLastToBeReused() {
        PortPool pool = new PortPool(40000, 3);
        pool.release(pool.take().orElseThrow());

        assertEquals(OptionalInt.of(40002), pool.take());
        assertEquals(OptionalInt.of(40004), pool.take());
        assertEquals(OptionalInt.of(40000), pool.take());
    }

    @Test
    void releasingTwiceOrAStrangePortChangesNothing() {
        PortPool pool = new PortPool(40000, 2);
        int port = pool.take().orElseThrow();
        pool.release(port);
        pool.release(port);
        pool.release(50000);

        assertEquals(0, pool.inUse());
    }
}
