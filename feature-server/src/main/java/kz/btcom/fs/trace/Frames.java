package kz.btcom.fs.trace;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One SIP message's bytes as the Ethernet frame a capture on the wire would have shown: Ethernet II with made-up,
 * locally administered MACs (02:00 and the last four bytes of the IP address, so each host keeps one), IPv4 or
 * IPv6, then UDP or one TCP segment, with correct lengths and checksums so that Wireshark reports nothing wrong.
 */
final class Frames {

    static final int ETHERNET_HEADER = 14;
    static final int IPV4_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    static final int TCP_HEADER = 20;
    /** The most payload one IPv4 packet carries over TCP (its total length is 16 bits); IPv6 takes the same. */
    static final int MAX_TCP_PAYLOAD = 0xffff - IPV4_HEADER - TCP_HEADER;
    /** The most payload one UDP datagram carries over IPv4; a SIP message larger than this never was one. */
    static final int MAX_UDP_PAYLOAD = 0xffff - IPV4_HEADER - UDP_HEADER;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86dd;
    private static final int PROTOCOL_TCP = 6;
    private static final int PROTOCOL_UDP = 17;
    private static final int TTL = 64;
    private static final int TCP_PSH_ACK = 0x18;
    private static final int TCP_WINDOW = 0xffff;

    private Frames() {
    }

    /** A UDP datagram. @param ipId the IPv4 identification (ignored for IPv6) */
    static byte[] udp(InetSocketAddress source, InetSocketAddress destination, byte[] payload, int ipId) {
        if (payload.length > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("a UDP datagram carries at most " + MAX_UDP_PAYLOAD + " bytes, not "
                    + payload.length);
        }
        byte[] udp = new byte[UDP_HEADER + payload.length];
        ByteBuffer header = ByteBuffer.wrap(udp);
        header.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putShort((short) udp.length).putShort((short) 0);
        System.arraycopy(payload, 0, udp, UDP_HEADER, payload.length);
        IpPair ips = IpPair.of(source, destination);
        int checksum = ips.pseudoHeader(PROTOCOL_UDP, udp.length).add(udp).value();
        // 0 means "no checksum" in UDP; a computed 0 is sent as its other ones'-complement form.
        header.putShort(6, (short) (checksum == 0 ? 0xffff : checksum));
        return frame(ips, PROTOCOL_UDP, udp, ipId);
    }

    /** One TCP segment with PSH and ACK set, carrying {@code length} bytes of {@code payload} from {@code offset}. */
    static byte[] tcp(InetSocketAddress source, InetSocketAddress destination, long sequence, long acknowledgement,
                      byte[] payload, int offset, int length, int ipId) {
        if (length > MAX_TCP_PAYLOAD) {
            throw new IllegalArgumentException("one segment carries at most " + MAX_TCP_PAYLOAD + " bytes");
        }
        byte[] tcp = new byte[TCP_HEADER + length];
        ByteBuffer header = ByteBuffer.wrap(tcp);
        header.putShort((short) source.getPort()).putShort((short) destination.getPort())
                .putInt((int) sequence).putInt((int) acknowledgement)
                .put((byte) ((TCP_HEADER / 4) << 4)).put((byte) TCP_PSH_ACK)
                .putShort((short) TCP_WINDOW).putShort((short) 0).putShort((short) 0);
        System.arraycopy(payload, offset, tcp, TCP_HEADER, length);
        IpPair ips = IpPair.of(source, destination);
        header.putShort(16, (short) ips.pseudoHeader(PROTOCOL_TCP, tcp.length).add(tcp).value());
        return frame(ips, PROTOCOL_TCP, tcp, ipId);
    }

    private static byte[] frame(IpPair ips, int protocol, byte[] transport, int ipId) {
        boolean v4 = ips.source().length == 4;
        int ipHeader = v4 ? IPV4_HEADER : IPV6_HEADER;
        ByteBuffer frame = ByteBuffer.allocate(ETHERNET_HEADER + ipHeader + transport.length);
        frame.put(mac(ips.destination())).put(mac(ips.source()))
                .putShort((short) (v4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6));
        if (v4) {
            int start = frame.position();
            frame.put((byte) 0x45).put((byte) 0).putShort((short) (IPV4_HEADER + transport.length))
                    .putShort((short) ipId).putShort((short) 0x4000) // don't fragment
                    .put((byte) TTL).put((byte) protocol).putShort((short) 0)
                    .put(ips.source()).put(ips.destination());
            int checksum = new InternetChecksum().add(frame.array(), start, IPV4_HEADER).value();
            frame.putShort(start + 10, (short) checksum);
        } else {
            frame.putInt(0x60000000).putShort((short) transport.length).put((byte) protocol).put((byte) TTL)
                    .put(ips.source()).put(ips.destination());
        }
        frame.put(transport);
        return frame.array();
    }

    private static byte[] mac(byte[] ip) {
        return new byte[] {0x02, 0x00, ip[ip.length - 4], ip[ip.length - 3], ip[ip.length - 2], ip[ip.length - 1]};
    }

    /**
     * The two addresses in one family: IPv4 when both are (an IPv4-mapped IPv6 address counts as IPv4), else both
     * as IPv6. An address that was never resolved is the unspecified one.
     */
    private record IpPair(byte[] source, byte[] destination) {

        static IpPair of(InetSocketAddress source, InetSocketAddress destination) {
            byte[] from = bytes(source);
            byte[] to = bytes(destination);
            if (from.length != to.length) {
                from = asIpv6(from);
                to = asIpv6(to);
            }
            return new IpPair(from, to);
        }

        InternetChecksum pseudoHeader(int protocol, int length) {
            InternetChecksum checksum = new InternetChecksum().add(source).add(destination);
            if (source.length == 4) {
                return checksum.addShort(protocol).addShort(length);
            }
            return checksum.addShort(length >>> 16).addShort(length & 0xffff).addShort(0).addShort(protocol);
        }

        private static byte[] bytes(InetSocketAddress address) {
            InetAddress ip = address.getAddress();
            if (ip == null) {
                return new byte[4];
            }
            byte[] raw = ip.getAddress();
            if (ip instanceof Inet6Address && isIpv4Mapped(raw)) {
                byte[] v4 = new byte[4];
                System.arraycopy(raw, 12, v4, 0, 4);
                return v4;
            }
            return raw;
        }

        private static boolean isIpv4Mapped(byte[] raw) {
            for (int i = 0; i < 10; i++) {
                if (raw[i] != 0) {
                    return false;
                }
            }
            return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
        }

        private static byte[] asIpv6(byte[] ip) {
            if (ip.length == 16) {
                return ip;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(ip, 0, mapped, 12, 4);
            return mapped;
        }
    }
}
