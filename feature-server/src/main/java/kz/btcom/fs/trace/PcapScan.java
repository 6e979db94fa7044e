package kz.btcom.fs.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How much of a capture file left by an earlier run is whole: the server may have been killed in the middle of
 * a record. Reads the record headers only.
 *
 * @param validLength the bytes up to the end of the last whole record
 * @param records     how many whole records there are
 */
record PcapScan(long validLength, long records) {

    /** @throws IOException unreadable, or not a pcap file of this writer's kind */
    static PcapScan of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(PcapWriter.FILE_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            if (size < PcapWriter.FILE_HEADER_BYTES || readFully(channel, header, 0) < PcapWriter.FILE_HEADER_BYTES
                    || header.getInt(0) != PcapWriter.MAGIC) {
                throw new IOException(file + " is not a pcap file written by this server");
            }
            long position = PcapWriter.FILE_HEADER_BYTES;
            long records = 0;
            ByteBuffer record = ByteBuffer.allocate(PcapWriter.RECORD_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (position + PcapWriter.RECORD_HEADER_BYTES <= size) {
                record.clear();
                if (readFully(channel, record, position) < PcapWriter.RECORD_HEADER_BYTES) {
                    break;
                }
                long included = Integer.toUnsignedLong(record.getInt(8));
                long end = position + PcapWriter.RECORD_HEADER_BYTES + included;
                if (included > PcapWriter.SNAPLEN || end > size) {
                    break;
                }
                position = end;
                records++;
            }
            return new PcapScan(position, records);
        }
    }

    /** The scan, after cutting off a partial record at the end of the file. */
    static PcapScan repaired(Path file) throws IOException {
        PcapScan scan = of(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > scan.validLength()) {
                channel.truncate(scan.validLength());
            }
        }
        return scan;
    }

    private static int readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        return total;
    }
}
