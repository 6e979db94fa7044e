package kz.btcom.fs.billing.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The export's committed {@link ExportPosition}, in {@code <out>/export.position}: a small text file replaced
 * atomically on every commit (written to {@code export.position.tmp}, fsynced, renamed over the old one, the
 * directory fsynced), so at any moment, even after a kill -9 or a power loss, the file holds either the previous
 * commit or the new one, never a mixture.
 *
 * <pre>
 * # BTcom call record export: what is committed. Written atomically by the export: do not edit.
 * lastIndex=89258010345472
 * file=calls-2026-11-25.csv
 * length=123456
 * </pre>
 */
final class PositionFile {

    private final Path file;
    private final Path temp;
    private final Path dir;

    PositionFile(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(OutputFiles.POSITION);
        this.temp = dir.resolve(OutputFiles.POSITION + ".tmp");
    }

    Path path() {
        return file;
    }

    /** The committed position; empty when there is no position file (a new output directory). */
    Optional<ExportPosition> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw corrupt("'" + line + "' is not key=value");
            }
            values.put(line.substring(0, eq), line.substring(eq + 1));
        }
        try {
            String lastIndex = required(values, "lastIndex");
            String name = required(values, "file");
            return Optional.of(new ExportPosition(
                    lastIndex.equals("none") ? ExportPosition.NONE : Long.parseLong(lastIndex),
                    name.isEmpty() ? null : name,
                    Long.parseLong(required(values, "length"))));
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage());
        }
    }

    /** Replaces the committed position, durably (see the class comment). */
    void store(ExportPosition position) throws IOException {
        String text = "# BTcom call record export: what is committed. Written atomically by the export: do not edit.\n"
                + "lastIndex=" + (position.atStart() ? "none" : Long.toString(position.lastIndex())) + "\n"
                + "file=" + (position.file() == null ? "" : position.file()) + "\n"
                + "length=" + position.length() + "\n";
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(dir + ": the file system cannot rename atomically; the export needs it", e);
        }
        syncDirectory(dir);
    }

    /** Makes a rename or a new file in {@code dir} durable (a no-op where directories cannot be opened). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory; there the rename is as durable as NTFS makes it.
        }
    }

    private String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private IOException corrupt(String problem) {
        return new IOException(file + ": not a valid export position (" + problem + "); it is only ever"
                + " replaced atomically, so something else wrote it");
    }
}
