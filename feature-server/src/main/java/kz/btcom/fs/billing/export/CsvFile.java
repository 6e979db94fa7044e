package kz.btcom.fs.billing.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One CSV file being appended to, through a buffer: {@link #length()} counts what is buffered too, {@link #sync()}
 * writes the buffer out and fsyncs, after which the first {@link #length()} bytes are on disk.
 */
final class CsvFile implements Closeable {

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final ExportCsv.Layout layout;
    private long length;

    private CsvFile(Path path, FileChannel channel, long length, int bufferBytes, ExportCsv.Layout layout) {
        this.path = path;
        this.channel = channel;
        this.length = length;
        this.buffer = ByteBuffer.allocate(bufferBytes);
        this.layout = layout;
    }

    /**
     * Opens a file the export committed {@code committedLength} bytes of, dropping whatever follows them (written
     * after that commit: it will be written again).
     *
     * @throws IOException when the file is missing or shorter: someone moved or cut it after the commit
     */
    static CsvFile openCommitted(Path path, long committedLength, int bufferBytes) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is gone, but the export position says " + committedLength
                    + " bytes of it are committed; move it back (only files of earlier days may be moved away)");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            long size = channel.size();
            if (size < committedLength) {
                throw new IOException(path + " has " + size + " bytes, but the export position says "
                        + committedLength + " are committed: was it cut or replaced?");
            }
            if (size > committedLength) {
                channel.truncate(committedLength);
                channel.force(true);
            }
            ExportCsv.Layout layout = layoutOf(channel, path);
            channel.position(committedLength);
            return new CsvFile(path, channel, committedLength, bufferBytes, layout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Creates the file anew (replacing anything there: nothing of it was committed) and starts it with the header. */
    static CsvFile create(Path path, int bufferBytes) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        CsvFile file = new CsvFile(path, channel, 0, bufferBytes, ExportCsv.Layout.CURRENT);
        file.append(ExportCsv.header());
        return file;
    }

    /** The columns of a file begun earlier, by its header line (this release's, or the one before icids). */
    private static ExportCsv.Layout layoutOf(FileChannel channel, Path path) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(ExportCsv.header().length() + 1);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read on: a short read is not the end of the file
        }
        String text = new String(head.array(), 0, head.position(), StandardCharsets.UTF_8);
        int end = text.indexOf(ExportCsv.LINE_END);
        return ExportCsv.Layout.ofHeader(end < 0 ? text : text.substring(0, end + ExportCsv.LINE_END.length()))
                .orElseThrow(() -> new IOException(path + " does not start with the header of an export"
                        + " (" + ExportCsv.header().strip() + "): it is not the file the export position names"));
    }

    /** The columns the lines of this file have. */
    ExportCsv.Layout layout() {
        return layout;
    }

    String name() {
        return path.getFileName().toString();
    }

    Path path() {
        return path;
    }

    /** Bytes written so far, buffered ones included. */
    long length() {
        return length;
    }

    void append(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > buffer.remaining()) {
            drain();
        }
        if (bytes.length > buffer.capacity()) {
            write(ByteBuffer.wrap(bytes));
        } else {
            buffer.put(bytes);
        }
        length += bytes.length;
    }

    /** Everything appended is on disk when this returns. */
    void sync() throws IOException {
        drain();
        channel.force(false);
    }

    private void drain() throws IOException {
        buffer.flip();
        write(buffer);
        buffer.clear();
    }

    private void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Closes without writing the buffer: call {@link #sync()} first to keep it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
