package kz.btcom.fs.trace;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * SIP messages as a classic libpcap file (the format every version of Wireshark, tshark, tcpdump and sngrep
 * reads): a 24-byte file header, then one record per packet with a microsecond timestamp, link type Ethernet.
 * UDP messages are one datagram each; TCP messages are segments with PSH|ACK whose sequence numbers advance by
 * the payload per direction (and acknowledge what the other direction sent), so that Wireshark's TCP reassembly
 * sees one clean stream per connection with no handshake. Multi-byte fields of the file are little-endian, as
 * tcpdump writes them on x86; the packets themselves are in network order.
 *
 * <p>One writer per file: it keeps the TCP state of the file's streams. Not thread-safe.
 */
public final class PcapWriter {

    public static final int FILE_HEADER_BYTES = 24;
    public static final int RECORD_HEADER_BYTES = 16;
    /** The magic of a microsecond-resolution file, as written in the file's own byte order. */
    static final int MAGIC = 0xa1b2c3d4;
    static final int SNAPLEN = 262_144;
    static final int LINKTYPE_ETHERNET = 1;
    /** Where each stream's sequence numbers start: a small number that reads well in a hex dump. */
    static final long INITIAL_SEQUENCE = 1;

    private final Map<Stream, Long> nextSequence = new HashMap<>();
    private int ipId;

    /** The file header: magic, version 2.4, UTC, snap length, Ethernet. */
    public static byte[] fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET)
                .array();
    }

    /**
     * The records of one message: one for UDP, one per segment for TCP (a message longer than one IPv4 packet
     * takes several).
     *
     * @param tcp whether it went over TCP (else UDP)
     * @throws IllegalArgumentException a UDP message longer than a datagram can be
     */
    public byte[] records(Instant time, boolean tcp, InetSocketAddress source, InetSocketAddress destination,
                          byte[] payload) {
        if (!tcp) {
            return record(time, Frames.udp(source, destination, payload, nextIpId()));
        }
        Stream stream = new Stream(source, destination);
        long sequence = nextSequence.getOrDefault(stream, INITIAL_SEQUENCE);
        long acknowledgement = nextSequence.getOrDefault(stream.reverse(), INITIAL_SEQUENCE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 128);
        int offset = 0;
        do {
            int length = Math.min(Frames.MAX_TCP_PAYLOAD, payload.length - offset);
            out.writeBytes(record(time, Frames.tcp(source, destination, sequence, acknowledgement, payload, offset,
                    length, nextIpId())));
            sequence = (sequence + length) & 0xffff_ffffL;
            offset += length;
        } while (offset < payload.length);
        nextSequence.put(stream, sequence);
        return out.toByteArray();
    }

    private static byte[] record(Instant time, byte[] frame) {
        return ByteBuffer.allocate(RECORD_HEADER_BYTES + frame.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) time.getEpochSecond()).putInt(time.getNano() / 1000)
                .putInt(frame.length).putInt(frame.length)
                .put(frame)
                .array();
    }

    private int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    /** One direction of a TCP connection. */
    private record Stream(InetSocketAddress source, InetSocketAddress destination) {
        Stream reverse() {
            return new Stream(destination, source);
        }
    }
}
