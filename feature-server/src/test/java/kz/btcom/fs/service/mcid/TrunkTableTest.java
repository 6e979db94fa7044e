package kz.btcom.fs.service.mcid;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.service.callreturn.CallOrigin;
import kz.btcom.fs.service.callreturn.CallOrigins;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code config/trunks.yaml}: which trunk a call came in on, by its source address; a bad file names the key. */
class TrunkTableTest {

    private static TrunkTable table(String yaml) throws ConfigException {
        return TrunkTable.parse(yaml, "trunks.yaml");
    }

    private static String problem(String yaml) {
        return assertThrows(ConfigException.class, () -> table(yaml)).getMessage();
    }

    @Test
    void theShippedFileHasNoTrunks() throws Exception {
        assertTrue(TrunkTable.parse(Files.readString(Path.of("..", "config", "trunks.yaml")), "trunks.yaml")
                .trunks().isEmpty());
        assertTrue(TrunkTable.builtIn().trunks().isEmpty());
    }

    @Test
    void anAddressIsFoundInItsTrunksBlocksFirstMatchWinning() throws Exception {
        TrunkTable trunks = table("""
                trunks:
                  - name: "ic-1"
                    addresses: ["10.20.0.0/24", "10.20.9.9"]
                  - name: "ic-wide"
                    addresses: ["10.0.0.0/8"]
                  - name: "v6"
                    addresses: ["2001:db8:30::/48"]
                """);

        assertEquals(Optional.of("ic-1"), trunks.trunkOf("10.20.0.77"));
        assertEquals(Optional.of("ic-1"), trunks.trunkOf("10.20.9.9"));
        assertEquals(Optional.of("ic-wide"), trunks.trunkOf("10.20.1.1"));
        assertEquals(Optional.of("v6"), trunks.trunkOf("2001:db8:30:1::5"));
        assertEquals(Optional.of("v6"), trunks.trunkOf("[2001:db8:30::1]"));
        assertEquals(Optional.empty(), trunks.trunkOf("192.0.2.1"));
        assertEquals(Optional.empty(), trunks.trunkOf("core.example.net"));
    }

    @Test
    void blocksWithPrefixesThatAreNotWholeBytesMatchBitByBit() throws Exception {
        TrunkTable trunks = table("trunks: [{name: \"t\", addresses: [\"192.0.2.64/27\"]}]");

        assertEquals(Optional.of("t"), trunks.trunkOf("192.0.2.95"));
        assertEquals(Optional.empty(), trunks.trunkOf("192.0.2.96"));
        assertEquals(Optional.empty(), trunks.trunkOf("192.0.2.63"));
    }

    @Test
    void badFilesNameTheKeyAndTheProblem() {
        assertEquals("trunks.yaml: trunks[0].addresses[1]: \"10.0.0.300\" is not an IP address or a CIDR block"
                        + " such as \"10.20.0.0/24\"",
                problem("trunks: [{name: \"t\", addresses: [\"10.0.0.1\", \"10.0.0.300\"]}]"));
        assertTrue(problem("trunks: [{name: \"t\", addresses: [\"10.0.0.0/33\"]}]").contains("addresses[0]"));
        assertTrue(problem("trunks: [{name: \"t\", addresses: [\"sbc.example.net\"]}]").contains("addresses[0]"));
        assertTrue(problem("trunks: [{name: \"t\", addresses: []}]").contains("trunks[0].addresses"));
        assertTrue(problem("trunks: [{name: \"a b\", addresses: [\"10.0.0.1\"]}]").contains("trunks[0].name"));
        assertTrue(problem("trunks: [{name: \"t\", addresses: [\"10.0.0.1\"]}, {name: \"t\", addresses: [\"10.0.0.2\"]}]")
                .contains("named twice"));
        assertTrue(problem("trunks: [{name: \"t\", address: [\"10.0.0.1\"]}]").contains("unknown key"));
        assertTrue(problem("trunk: []").contains("unknown key"));
        assertTrue(problem("").contains("is empty"));
    }

    @Test
    void aConfiguredTrunkNamesTheOriginWhenTheCoreNamedNoTrunkGroup() throws Exception {
        CallOrigins origins = new CallOrigins(table("trunks: [{name: \"ic-1\", addresses: [\"10.20.0.0/24\"]}]")::trunkOf);
        var setup = kz.btcom.fs.testing.CallSetups.call("+77172555198", "+77272777101");

        assertEquals(new CallOrigin(CallOrigin.Kind.CONFIGURED_TRUNK, "ic-1", ""),
                origins.of(kz.btcom.fs.testing.CallSetups.viaTrunk(setup, "", "", "10.20.0.5"), "+77172555198"));
        assertEquals(new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, "tg9", "btcom.kz"),
                origins.of(kz.btcom.fs.testing.CallSetups.viaTrunk(setup, "tg9", "btcom.kz", "10.20.0.5"),
                        "+77172555198"));
        assertEquals(new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, "+77172555198", ""),
                origins.of(kz.btcom.fs.testing.CallSetups.viaTrunk(setup, "", "", "127.0.0.1"), "+77172555198"));
    }
}
