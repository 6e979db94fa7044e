package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack names a message's ends as "host:port" strings; a trace needs socket addresses, without a DNS lookup. */
class MessageCaptureAddressTest {

    @Test
    void anIpv4Address() {
        assertEquals(new InetSocketAddress("10.1.2.3", 5060), MessageCapture.address("10.1.2.3:5060"));
    }

    @Test
    void anIpv6AddressInBracketsOrWithout() {
        assertEquals(new InetSocketAddress("::1", 5070), MessageCapture.address("[::1]:5070"));
        assertEquals(new InetSocketAddress("::1", 5070), MessageCapture.address("0:0:0:0:0:0:0:1:5070"));
    }

    @Test
    void aNameIsLeftUnresolved() {
        InetSocketAddress address = MessageCapture.address("core.btcom.kz:5060");

        assertTrue(address.isUnresolved());
        assertEquals(5060, address.getPort());
    }
}
