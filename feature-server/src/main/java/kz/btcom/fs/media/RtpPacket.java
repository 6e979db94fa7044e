package kz.btcom.fs.media;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * An RTP packet that reached a leg (RFC 3550 5.1), header fields decoded, payload copied out of the network
 * buffer so a listener may keep it.
 *
 * @param sender where it came from, which need not be where the SDP said (NAT)
 */
public record RtpPacket(InetSocketAddress sender, int payloadType, boolean marker, int sequence, long timestamp,
                        long ssrc, byte[] payload) {

    /** The packet in {@code datagram}, or empty if it is not RTP version 2 (a STUN probe, a stray, RTCP). */
    static Optional<RtpPacket> parse(InetSocketAddress sender, ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < RtpStream.HEADER_BYTES) {
            return Optional.empty();
        }
        int first = datagram.getUnsignedByte(start);
        int second = datagram.getUnsignedByte(start + 1);
        if ((first >> 6) != 2) {
            return Optional.empty();
        }
        int payloadType = second & 0x7F;
        if (payloadType >= 72 && payloadType <= 76) {
            return Optional.empty(); // RTCP multiplexed on the RTP port (RFC 5761 4): SR, RR, SDES, BYE, APP
        }
        int offset = RtpStream.HEADER_BYTES + 4 * (first & 0x0F); // CSRCs
        if ((first & 0x10) != 0) { // header extension: 4 bytes, then its length in 32-bit words
            if (length < offset + 4) {
                return Optional.empty();
            }
            offset += 4 + 4 * datagram.getUnsignedShort(start + offset + 2);
        }
        int end = length;
        if ((first & 0x20) != 0) { // padding: the last byte says how much
            end -= datagram.getUnsignedByte(start + length - 1);
        }
        if (offset > end) {
            return Optional.empty();
        }
        byte[] payload = new byte[end - offset];
        datagram.getBytes(start + offset, payload);
        return Optional.of(new RtpPacket(sender, payloadType, (second & 0x80) != 0,
                datagram.getUnsignedShort(start + 2), datagram.getUnsignedInt(start + 4),
                datagram.getUnsignedInt(start + 8), payload));
    }
}
