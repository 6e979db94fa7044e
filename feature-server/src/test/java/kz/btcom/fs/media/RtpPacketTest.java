package kz.btcom.fs.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 3550 headers as we write them, and as we read what arrives. */
class RtpPacketTest {

    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 6000);

    @Test
    void theHeaderIsVersionTwoWithMarkerTypeSequenceTimestampAndSsrc() {
        RtpStream stream = new RtpStream(new Random(42), 0);
        ByteBuf packet = Unpooled.buffer();

        stream.writeHeader(packet, 8, true, 0xFFFF_FFF0L);

        assertEquals(RtpStream.HEADER_BYTES, packet.readableBytes());
        assertEquals(0x80, packet.getUnsignedByte(0), "V=2, no padding, extension or CSRCs");
        assertEquals(0x80 | 8, packet.getUnsignedByte(1), "marker and PCMA");
        assertEquals(0xFFFF_FFF0L, packet.getUnsignedInt(4));
        assertEquals(stream.ssrc(), packet.getUnsignedInt(8));
    }

    @Test
    void sequenceNumbersGoUpByOneAndWrap() {
        RtpStream stream = new RtpStream(new Random(7), 0);
        int first = header(stream).getUnsignedShort(2);
        int previous = first;
        for (int i = 0; i < 70_000; i++) {
            int sequence = header(stream).getUnsignedShort(2);
            assertEquals((previous + 1) & 0xFFFF, sequence);
            previous = sequence;
        }
    }

    @Test
    void timestampsFollowTheEightKilohertzClock() {
        RtpStream stream = new RtpStream(new Random(1), 5_000_000_000L);
        long start = stream.timestampAt(5_000_000_000L);

        assertEquals((start + 160) & 0xFFFF_FFFFL, stream.timestampAt(5_020_000_000L), "20 ms later");
        assertEquals((start + 8000) & 0xFFFF_FFFFL, stream.timestampAt(6_000_000_000L), "1 s later");
    }

    @Test
    void twoStreamsDoNotShareSsrcOrStartingPoint() {
        Random random = new Random(3);
        RtpStream one = new RtpStream(random, 0);
        RtpStream two = new RtpStream(random, 0);

        assertTrue(one.ssrc() != two.ssrc());
        assertTrue(one.timestampAt(0) != two.timestampAt(0));
    }

    @Test
    void whatWeWriteReadsBack() {
        RtpStream stream = new RtpStream(new Random(9), 0);
        ByteBuf packet = Unpooled.buffer();
        stream.writeHeader(packet, 0, false, 123_456);
        packet.writeBytes(new byte[] {1, 2, 3});

        RtpPacket read = RtpPacket.parse(FROM, packet).orElseThrow();

        assertEquals(0, read.payloadType());
        assertFalse(read.marker());
        assertEquals(123_456, read.timestamp());
        assertEquals(stream.ssrc(), read.ssrc());
        assertArrayEquals(new byte[] {1, 2, 3}, read.payload());
        assertEquals(FROM, read.sender());
    }

    @Test
    void csrcsAnExtensionAndPaddingAreSkippedToFindThePayload() {
        ByteBuf packet = Unpooled.buffer();
        packet.writeByte(0x80 | 0x20 | 0x10 | 2); // padding, extension, 2 CSRCs
        packet.writeByte(8).writeShort(1).writeInt(2).writeInt(3);
        packet.writeInt(11).writeInt(12); // CSRCs
        packet.writeShort(0xBEDE).writeShort(1).writeInt(0); // a one-word extension
        packet.writeBytes(new byte[] {9, 9});
        packet.writeBytes(new byte[] {0, 0, 3}); // three bytes of padding

        assertArrayEquals(new byte[] {9, 9}, RtpPacket.parse(FROM, packet).orElseThrow().payload());
    }

    @Test
    void stunRtcpAndRuntsAreNotRtp() {
        assertTrue(RtpPacket.parse(FROM, Unpooled.wrappedBuffer(new byte[] {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4,
                0x42, 0, 0, 0, 0})).isEmpty(), "a STUN binding request");
        assertTrue(RtpPacket.parse(FROM, Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 200, 0, 6, 0, 0, 0,
                0, 0, 0, 0, 0})).isEmpty(), "an RTCP sender report");
        assertTrue(RtpPacket.parse(FROM, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 8, 0})).isEmpty());
    }

    private static ByteBuf header(RtpStream stream) {
        ByteBuf packet = Unpooled.buffer();
        stream.writeHeader(packet, 8, false, 0);
        return packet;
    }
}
