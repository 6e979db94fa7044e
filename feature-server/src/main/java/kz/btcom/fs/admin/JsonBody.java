package kz.btcom.fs.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Request bodies as JSON trees, strictly: a duplicate field or anything after the document is an error, and
 * numbers keep their exact text (a field this server does not know is returned as it came). Every problem is a
 * {@link RequestRejected} saying what and where: 413 too large, 415 not JSON by its Content-Type, 400 not JSON
 * by its content.
 */
public final class JsonBody {

    public static final String JSON = "application/json";
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private JsonBody() {
    }

    /** The mapper bodies are read with, for JSON this server keeps and reads back itself. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The body of a request that must have one.
     *
     * @param mediaTypes the Content-Types accepted, without parameters
     */
    public static JsonNode parse(AdminRequest request, int maxBytes, Set<String> mediaTypes) {
        byte[] body = request.body();
        if (body.length > maxBytes) {
            throw new RequestRejected(413, "the body is " + body.length + " bytes; at most " + maxBytes
                    + " are taken here");
        }
        if (body.length == 0) {
            throw RequestRejected.badRequest("the body is empty; " + request.method() + " needs a JSON document");
        }
        String mediaType = request.header("Content-Type").map(JsonBody::mediaType).orElse("");
        if (!mediaTypes.contains(mediaType)) {
            throw new RequestRejected(415, "Content-Type must be " + String.join(" or ", mediaTypes.stream()
                    .sorted().toList()) + (mediaType.isEmpty() ? "; there is none" : ", not " + mediaType));
        }
        return read(body, "the body");
    }

    /** A JSON document; {@code what} names it in the message of a {@link RequestRejected}. */
    public static JsonNode read(byte[] json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw RequestRejected.badRequest(what + " is not valid JSON: " + describe(e));
        } catch (CharConversionException e) {
            // Jackson guesses the encoding from the first bytes; three NULs make it read UTF-32, and a character
            // beyond Unicode then fails the decoding with a plain IOException: bad input, not a broken server.
            throw RequestRejected.badRequest(what + " is not valid JSON: " + e.getMessage());
        } catch (NumberFormatException e) {
            // Numbers are read as BigDecimal (exact text kept); one whose exponent BigDecimal cannot hold, such
            // as 5e5555555555555501, failed with this RuntimeException rather than a JsonProcessingException.
            throw RequestRejected.badRequest(what + " is not valid JSON: a number is out of range");
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory does not fail", e);
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** Jackson's own words without its source excerpt, and where: "Unexpected character ... at line 1, column 9". */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        message = message.replaceAll(" ?\\[Source: [^;\\]]*(; )?", " [").replace(" []", "").trim();
        if (message.startsWith("Trailing token")) {
            message = "something follows the end of the document";
        }
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            message += " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        }
        return message;
    }
}
