package kz.btcom.fs.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPortTest {

    @Test
    void parsesAnIpv4AddressAndPort() {
        assertEquals(new HostPort("127.0.0.1", 5060), HostPort.parse("127.0.0.1:5060").orElseThrow());
    }

    @Test
    void parsesAHostName() {
        assertEquals(new HostPort("scscf.btcom.kz", 5070), HostPort.parse("scscf.btcom.kz:5070").orElseThrow());
    }

    @Test
    void parsesABracketedIpv6AddressAndKeepsTheHostWithoutBrackets() {
        HostPort parsed = HostPort.parse("[::1]:5060").orElseThrow();
        assertEquals(new HostPort("::1", 5060), parsed);
        assertEquals("[::1]:5060", parsed.toString());
    }

    @Test
    void parsesAFullIpv6Address() {
        assertEquals("2001:db8::10", HostPort.parse("[2001:db8::10]:65535").orElseThrow().host());
    }

    @Test
    void printsAsItParses() {
        assertEquals("10.0.0.1:8080", HostPort.parse("10.0.0.1:8080").orElseThrow().toString());
    }

    @Test
    void aBoundSocketAddressPrintsWithoutTheJdksLeadingSlash() {
        assertEquals("127.0.0.1:8080", HostPort.of(new java.net.InetSocketAddress("127.0.0.1", 8080)).toString());
        assertEquals("[0:0:0:0:0:0:0:1]:8080", HostPort.of(new java.net.InetSocketAddress("::1", 8080)).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1", "127.0.0.1:", ":5060",
            "127.0.0.1:http", "127.0.0.1:-1", "999.1.1.1:5060", "1.2.3:5060", "::1:5060", "[zz::1]:5060",
            "[::1:5060", "[127.0.0.1]:5060", "exa mple:5060", "-bad.example:5060", "", "127.0.0.1:5060 "})
    void rejectsWhatIsNotHostColonPort(String text) {
        assertTrue(HostPort.parse(text).isEmpty(), text);
    }
}
