package kz.btcom.fs.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A capture's metadata in {@code <id>.json} beside its {@code <id>.pcap}. Beside the file rather than in the
 * database: a capture is this node's file (several nodes may share one PostgreSQL, each with its own captures),
 * and the two are kept, copied or deleted together. Written whole to a temporary file and renamed over the old
 * one, so a crash leaves the old version or the new, never half of one.
 *
 * <p>{@code closed} says the counts were written when the file was closed; otherwise the server stopped without
 * closing it, and the file itself is counted again ({@link PcapScan}).
 */
final class CaptureSidecar {

    static final String SUFFIX = ".json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CaptureSidecar() {
    }

    /** What a sidecar holds: the capture's info (never "running") and whether its file was closed. */
    record Stored(CaptureInfo info, boolean closed) {
    }

    static void write(Path file, CaptureInfo info, boolean closed) throws IOException {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", info.id())
                .put("number", info.number())
                .put("seconds", info.seconds())
                .put("startedAt", info.startedAt().toString())
                .put("endsAt", info.endsAt().toString())
                .put("startedBy", info.startedBy())
                .put("messages", info.messages())
                .put("bytes", info.bytes())
                .put("dropped", info.dropped())
                .put("truncated", info.truncated())
                .put("closed", closed);
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** @throws IOException unreadable, or not a sidecar (a field missing or of the wrong kind) */
    static Stored read(Path file) throws IOException {
        JsonNode json = MAPPER.readTree(file.toFile());
        try {
            CaptureInfo info = new CaptureInfo(text(json, "id"), text(json, "number"), integer(json, "seconds"),
                    Instant.parse(text(json, "startedAt")), Instant.parse(text(json, "endsAt")),
                    text(json, "startedBy"), count(json, "messages"), count(json, "bytes"), count(json, "dropped"),
                    flag(json, "truncated"), false);
            return new Stored(info, flag(json, "closed"));
        } catch (DateTimeParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode field(JsonNode json, String name) throws IOException {
        JsonNode value = json == null ? null : json.get(name);
        if (value == null || value.isNull()) {
            throw new IOException("no " + name);
        }
        return value;
    }

    private static String text(JsonNode json, String name) throws IOException {
        JsonNode value = field(json, name);
        if (!value.isTextual()) {
            throw new IOException(name + " is not a string");
        }
        return value.textValue();
    }

    private static int integer(JsonNode json, String name) throws IOException {
        JsonNode value = field(json, name);
        if (!value.isInt()) {
            throw new IOException(name + " is not an integer");
        }
        return value.intValue();
    }

    private static long count(JsonNode json, String name) throws IOException {
        JsonNode value = field(json, name);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0) {
            throw new IOException(name + " is not a count");
        }
        return value.longValue();
    }

    private static boolean flag(JsonNode json, String name) throws IOException {
        JsonNode value = field(json, name);
        if (!value.isBoolean()) {
            throw new IOException(name + " is not true or false");
        }
        return value.booleanValue();
    }
}
