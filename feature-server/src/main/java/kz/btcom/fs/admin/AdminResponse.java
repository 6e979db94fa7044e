package kz.btcom.fs.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** An HTTP response as the endpoints produce it. @param headers extra headers (Allow, WWW-Authenticate...) */
public record AdminResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AdminResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    public static AdminResponse json(int status, String json) {
        return new AdminResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static AdminResponse json(int status, JsonNode json) {
        try {
            return new AdminResponse(status, JSON, MAPPER.writeValueAsBytes(json), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** 204: no body, and no Content-Type or Content-Length either (RFC 9110 15.3.5). */
    public static AdminResponse noContent() {
        return new AdminResponse(204, JSON, new byte[0], Map.of());
    }

    public boolean hasBody() {
        return status != 204 && status != 304;
    }

    /** {@code {"error": "..."}}, the one shape of every error this interface gives (PRODUCT.md). */
    public static AdminResponse error(int status, String message) {
        try {
            return json(status, MAPPER.writeValueAsString(Map.of("error", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a one-string map always serializes", e);
        }
    }

    public AdminResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new AdminResponse(status, contentType, body, more);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
