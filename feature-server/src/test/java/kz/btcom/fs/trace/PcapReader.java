package kz.btcom.fs.trace;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads back what {@link PcapWriter} writes, byte by byte, as an independent reader would: the file header,
 * each record, Ethernet, IPv4/IPv6, UDP/TCP, with every length and checksum checked (a wrong one throws).
 * Written from the format's description, not from the writer's code.
 */
final class PcapReader {

    record FileHeader(int magic, int major, int minor, int zone, int sigfigs, int snaplen, int linkType) {
    }

    /** One record, decoded. @param tcpFlags 0 for UDP */
    record Packet(long seconds, long micros, int includedLength, int originalLength, byte[] destinationMac,
                  byte[] sourceMac, int etherType, int ipVersion, int protocol, InetSocketAddress source,
                  InetSocketAddress destination, long sequence, long acknowledgement, int tcpFlags, byte[] payload) {

        String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    record Capture(FileHeader header, List<Packet> packets) {
    }

    private PcapReader() {
    }

    static Capture read(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        FileHeader header = new FileHeader(in.getInt(), in.getShort() & 0xffff, in.getShort() & 0xffff, in.getInt(),
                in.getInt(), in.getInt(), in.getInt());
        List<Packet> packets = new ArrayList<>();
        while (in.hasRemaining()) {
            long seconds = Integer.toUnsignedLong(in.getInt());
            long micros = Integer.toUnsignedLong(in.getInt());
            int included = in.getInt();
            int original = in.getInt();
            byte[] frame = new byte[included];
            in.get(frame);
            packets.add(frame(seconds, micros, included, original, frame));
        }
        return new Capture(header, packets);
    }

    private static Packet frame(long seconds, long micros, int included, int original, byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame); // network order
        byte[] dstMac = new byte[6];
        byte[] srcMac = new byte[6];
        in.get(dstMac).get(srcMac);
        int etherType = in.getShort() & 0xffff;
        int ipStart = in.position();
        int version = (in.get(ipStart) & 0xff) >>> 4;
        byte[] srcIp;
        byte[] dstIp;
        int protocol;
        int transportLength;
        if (version == 4) {
            check(etherType == 0x0800, "IPv4 in an IPv4 ethertype");
            int ihl = (in.get(ipStart) & 0x0f) * 4;
            int total = in.getShort(ipStart + 2) & 0xffff;
            check(total == frame.length - ipStart, "IPv4 total length " + total);
            check(checksum(frame, ipStart, ihl, new byte[0]) == 0, "IPv4 header checksum");
            protocol = in.get(ipStart + 9) & 0xff;
            srcIp = Arrays.copyOfRange(frame, ipStart + 12, ipStart + 16);
            dstIp = Arrays.copyOfRange(frame, ipStart + 16, ipStart + 20);
            in.position(ipStart + ihl);
            transportLength = total - ihl;
        } else {
            check(version == 6 && etherType == 0x86dd, "IPv6 in an IPv6 ethertype");
            int payloadLength = in.getShort(ipStart + 4) & 0xffff;
            check(payloadLength == frame.length - ipStart - 40, "IPv6 payload length " + payloadLength);
            protocol = in.get(ipStart + 6) & 0xff;
            srcIp = Arrays.copyOfRange(frame, ipStart + 8, ipStart + 24);
            dstIp = Arrays.copyOfRange(frame, ipStart + 24, ipStart + 40);
            in.position(ipStart + 40);
            transportLength = payloadLength;
        }
        int transportStart = in.position();
        byte[] pseudo = pseudoHeader(srcIp, dstIp, protocol, transportLength);
        check(checksum(frame, transportStart, transportLength, pseudo) == 0, "transport checksum");
        int srcPort = in.getShort(transportStart) & 0xffff;
        int dstPort = in.getShort(transportStart + 2) & 0xffff;
        long sequence = 0;
        long ack = 0;
        int flags = 0;
        int payloadStart;
        if (protocol == 17) {
            check((in.getShort(transportStart + 4) & 0xffff) == transportLength, "UDP length");
            check(in.getShort(transportStart + 6) != 0, "a UDP checksum is present");
            payloadStart = transportStart + 8;
        } else {
            check(protocol == 6, "TCP or UDP, not " + protocol);
            sequence = Integer.toUnsignedLong(in.getInt(transportStart + 4));
            ack = Integer.toUnsignedLong(in.getInt(transportStart + 8));
            int dataOffset = ((in.get(transportStart + 12) & 0xff) >>> 4) * 4;
            flags = in.get(transportStart + 13) & 0xff;
            payloadStart = transportStart + dataOffset;
        }
        return new Packet(seconds, micros, included, original, dstMac, srcMac, etherType, version, protocol,
                new InetSocketAddress(address(srcIp), srcPort), new InetSocketAddress(address(dstIp), dstPort),
                sequence, ack, flags, Arrays.copyOfRange(frame, payloadStart, frame.length));
    }

    private static byte[] pseudoHeader(byte[] src, byte[] dst, int protocol, int length) {
        ByteBuffer pseudo = ByteBuffer.allocate(src.length == 4 ? 12 : 40);
        pseudo.put(src).put(dst);
        if (src.length == 4) {
            pseudo.put((byte) 0).put((byte) protocol).putShort((short) length);
        } else {
            pseudo.putInt(length).put(new byte[3]).put((byte) protocol);
        }
        return pseudo.array();
    }

    /** The ones'-complement sum over pseudo-header and bytes, complemented: 0 when the stored checksum is right. */
    private static int checksum(byte[] bytes, int offset, int length, byte[] pseudo) {
        byte[] all = new byte[pseudo.length + length + (length % 2)];
        System.arraycopy(pseudo, 0, all, 0, pseudo.length);
        System.arraycopy(bytes, offset, all, pseudo.length, length);
        long sum = 0;
        for (int i = 0; i < all.length; i += 2) {
            sum += ((all[i] & 0xff) << 8) | (all[i + 1] & 0xff);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("pcap: wrong " + what);
        }
    }
}
