package kz.btcom.fs.trace;

import kz.btcom.fs.call.CapturedSipMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The pcap file of a running capture, written by the trace writer thread alone. {@link #length()} is how much
 * of it holds whole records: a download while the capture runs reads that much and gets a valid file.
 */
final class CaptureFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final PcapWriter pcap = new PcapWriter();
    private final long maxBytes;
    private volatile long length;

    private CaptureFile(Path path, FileChannel channel, long length, long maxBytes) {
        this.path = path;
        this.channel = channel;
        this.length = length;
        this.maxBytes = maxBytes;
    }

    /** A new file with its pcap header; an existing file of that name is an error, never overwritten. */
    static CaptureFile create(Path path, long maxBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            writeFully(channel, PcapWriter.fileHeader());
            return new CaptureFile(path, channel, PcapWriter.FILE_HEADER_BYTES, maxBytes);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** A capture's file opened again after a restart, to go on at the end of its last whole record. */
    static CaptureFile resume(Path path, long validLength, long maxBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
        try {
            channel.truncate(validLength);
            channel.position(validLength);
            return new CaptureFile(path, channel, validLength, maxBytes);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends a message's records.
     *
     * @return false, writing nothing, when the file would grow past its bound
     */
    boolean append(CapturedSipMessage message) throws IOException {
        byte[] records = pcap.records(message.time(), isTcp(message.transport()), message.source(),
                message.destination(), message.bytes());
        if (length + records.length > maxBytes) {
            return false;
        }
        writeFully(channel, records);
        length += records.length;
        return true;
    }

    long length() {
        return length;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** TCP and TLS are streams (a TLS message is captured as the plain text the stack saw); the rest is UDP. */
    static boolean isTcp(String transport) {
        String name = transport.toLowerCase(Locale.ROOT);
        return name.equals("tcp") || name.equals("tls");
    }

    private static void writeFully(FileChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
