package kz.btcom.fs.sip;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedPeersTest {

    private static InetAddress at(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anAddressTrustsItselfOnly() throws Exception {
        TrustedPeers peers = TrustedPeers.parse(List.of("10.1.2.10"));

        assertTrue(peers.trusts(at("10.1.2.10")));
        assertFalse(peers.trusts(at("10.1.2.11")));
        assertFalse(peers.trusts(at("::1")));
        assertFalse(peers.trusts(null));
    }

    @Test
    void anIpv4BlockTrustsItsAddressesUpToThePrefix() throws Exception {
        TrustedPeers peers = TrustedPeers.parse(List.of("10.1.2.0/23", "192.168.7.5/32"));

        assertTrue(peers.trusts(at("10.1.2.0")));
        assertTrue(peers.trusts(at("10.1.3.255")));
        assertFalse(peers.trusts(at("10.1.4.0")));
        assertFalse(peers.trusts(at("10.1.1.255")));
        assertTrue(peers.trusts(at("192.168.7.5")));
        assertFalse(peers.trusts(at("192.168.7.4")));
    }

    @Test
    void anIpv6BlockTrustsItsAddressesAndAnIpv4MappedSourceCountsAsIpv4() throws Exception {
        TrustedPeers peers = TrustedPeers.parse(List.of("2001:db8:5::/48", "[::1]", "127.0.0.1"));

        assertTrue(peers.trusts(at("2001:db8:5:ffff::1")));
        assertFalse(peers.trusts(at("2001:db8:6::1")));
        assertTrue(peers.trusts(at("::1")));
        assertTrue(peers.trusts(at("::ffff:127.0.0.1")));
        assertFalse(peers.trusts(at("127.0.0.2")));
    }

    @Test
    void zeroPrefixTrustsEveryAddressOfItsFamily() throws Exception {
        TrustedPeers peers = TrustedPeers.parse(List.of("0.0.0.0/0"));

        assertTrue(peers.trusts(at("203.0.113.9")));
        assertFalse(peers.trusts(at("2001:db8::1")));
    }

    @Test
    void whatIsNotALiteralAddressOrBlockIsNamedInTheError() {
        assertEquals("\"core.btcom.kz\" is not an IP address or a CIDR block such as 10.1.2.0/24 or 2001:db8::/32",
                assertThrows(IllegalArgumentException.class,
                        () -> TrustedPeers.parse(List.of("10.0.0.1", "core.btcom.kz"))).getMessage());
        assertEquals("\"10.0.0.0/33\": the prefix length must be 0-32",
                assertThrows(IllegalArgumentException.class,
                        () -> TrustedPeers.parse(List.of("10.0.0.0/33"))).getMessage());
        assertEquals("\"::/129\": the prefix length must be 0-128",
                assertThrows(IllegalArgumentException.class, () -> TrustedPeers.parse(List.of("::/129"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedPeers.parse(List.of("10.0.0.1/x")));
        assertThrows(IllegalArgumentException.class, () -> TrustedPeers.parse(List.of("999.1.1.1")));
        assertThrows(IllegalArgumentException.class, () -> TrustedPeers.parse(List.of()));
    }

    @Test
    void theDefaultIsEveryAddressOfTheCoresHost() throws Exception {
        assertTrue(TrustedPeers.ofHost("127.0.0.1").trusts(at("127.0.0.1")));
        assertFalse(TrustedPeers.ofHost("127.0.0.1").trusts(at("127.0.0.2")));
        assertTrue(TrustedPeers.ofHost("[::1]").trusts(at("::1")));
        assertTrue(TrustedPeers.ofHost("localhost").trusts(InetAddress.getByName("localhost")));
    }
}
