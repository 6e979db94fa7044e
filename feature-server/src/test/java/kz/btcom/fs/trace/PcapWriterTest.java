package kz.btcom.fs.trace;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pcap layout, read back byte by byte by {@link PcapReader} (which checks every length and checksum). */
class PcapWriterTest {

    private static final InetSocketAddress CORE = new InetSocketAddress("127.0.0.1", 5070);
    private static final InetSocketAddress SERVER = new InetSocketAddress("10.1.2.3", 5060);
    private static final Instant AT = Instant.parse("2026-11-25T08:00:01.654321789Z");

    private final PcapWriter writer = new PcapWriter();

    private static byte[] file(byte[]... records) {
        ByteBuffer file = ByteBuffer.allocate(PcapWriter.FILE_HEADER_BYTES
                + Arrays.stream(records).mapToInt(r -> r.length).sum());
        file.put(PcapWriter.fileHeader());
        for (byte[] record : records) {
            file.put(record);
        }
        return file.array();
    }

    private static byte[] sip(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFileHeaderIsClassicLibpcapLittleEndianMicrosecondsEthernet() {
        byte[] header = PcapWriter.fileHeader();

        assertEquals(24, header.length);
        assertArrayEquals(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1}, Arrays.copyOf(header, 4));
        assertEquals(new PcapReader.FileHeader(0xa1b2c3d4, 2, 4, 0, 0, 262_144, 1),
                PcapReader.read(header).header());
    }

    @Test
    void aUdpMessageOverIpv4IsOneDatagramWithItsTimeInMicroseconds() {
        byte[] payload = sip("OPTIONS sip:fs SIP/2.0\r\nCall-ID: odd-length\r\n\r\n!");

        PcapReader.Packet packet = PcapReader.read(file(writer.records(AT, false, CORE, SERVER, payload)))
                .packets().get(0);

        assertEquals(AT.getEpochSecond(), packet.seconds());
        assertEquals(654_321, packet.micros());
        assertEquals(14 + 20 + 8 + payload.length, packet.includedLength());
        assertEquals(packet.includedLength(), packet.originalLength());
        assertArrayEquals(new byte[] {2, 0, 10, 1, 2, 3}, packet.destinationMac());
        assertArrayEquals(new byte[] {2, 0, 127, 0, 0, 1}, packet.sourceMac());
        assertEquals(4, packet.ipVersion());
        assertEquals(17, packet.protocol());
        assertEquals(CORE, packet.source());
        assertEquals(SERVER, packet.destination());
        assertArrayEquals(payload, packet.payload());
    }

    @Test
    void tcpMessagesAreSegmentsWhoseSequenceNumbersAdvanceByTheirPayloadInEachDirection() {
        byte[] invite = sip("INVITE sip:x SIP/2.0\r\n\r\n");
        byte[] trying = sip("SIP/2.0 100 Trying\r\n\r\n");
        byte[] ringing = sip("SIP/2.0 180 Ringing\r\n\r\n");

        List<PcapReader.Packet> packets = PcapReader.read(file(
                writer.records(AT, true, CORE, SERVER, invite),
                writer.records(AT, true, SERVER, CORE, trying),
                writer.records(AT, true, SERVER, CORE, ringing))).packets();

        assertEquals(3, packets.size());
        packets.forEach(packet -> assertEquals(0x18, packet.tcpFlags(), "PSH|ACK"));
        packets.forEach(packet -> assertEquals(6, packet.protocol()));
        assertEquals(1, packets.get(0).sequence());
        assertEquals(1, packets.get(0).acknowledgement());
        assertEquals(1, packets.get(1).sequence());
        assertEquals(1 + invite.length, packets.get(1).acknowledgement(), "acknowledges the INVITE");
        assertEquals(1 + trying.length, packets.get(2).sequence());
        assertArrayEquals(ringing, packets.get(2).payload());
    }

    @Test
    void aTcpMessageLongerThanOnePacketIsSplitIntoSegmentsThatFollowEachOther() {
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 'a');

        List<PcapReader.Packet> packets = PcapReader.read(file(writer.records(AT, true, CORE, SERVER, big)))
                .packets();

        assertEquals(2, packets.size());
        assertEquals(65_495, packets.get(0).payload().length);
        assertEquals(1 + 65_495, packets.get(1).sequence());
        assertEquals(big.length, packets.get(0).payload().length + packets.get(1).payload().length);
    }

    @Test
    void ipv6AddressesGiveIpv6PacketsAndAMappedIpv4AddressStaysIpv4() throws Exception {
        InetSocketAddress v6core = new InetSocketAddress(InetAddress.getByName("2001:db8::10"), 5070);
        InetSocketAddress v6server = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 5062);
        byte[] payload = sip("BYE sip:x SIP/2.0\r\n\r\n");

        List<PcapReader.Packet> packets = PcapReader.read(file(
                writer.records(AT, false, v6core, v6server, payload),
                writer.records(AT, true, v6server, v6core, payload),
                writer.records(AT, false, new InetSocketAddress(InetAddress.getByName("::ffff:127.0.0.1"), 5070),
                        SERVER, payload))).packets();

        assertEquals(6, packets.get(0).ipVersion());
        assertEquals(0x86dd, packets.get(0).etherType());
        assertEquals(v6core, packets.get(0).source());
        assertEquals(6, packets.get(1).ipVersion());
        assertEquals(6, packets.get(1).protocol());
        assertArrayEquals(payload, packets.get(1).payload());
        assertEquals(4, packets.get(2).ipVersion());
    }

    @Test
    void aUdpMessageLargerThanADatagramIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> writer.records(AT, false, CORE, SERVER, new byte[70_000]));
    }
}
