package kz.btcom.fs.admin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a JSON request body must be, and what the client hears when it is not. */
class JsonBodyTest {

    private static final Set<String> JSON_ONLY = Set.of(JsonBody.JSON);

    private static AdminRequest put(String contentType, String body) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("content-type", contentType);
        return new AdminRequest("PUT", "/x", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static RequestRejected rejection(AdminRequest request) {
        return assertThrows(RequestRejected.class, () -> JsonBody.parse(request, 100, JSON_ONLY));
    }

    @Test
    void aJsonBodyIsReadAsATree() {
        assertEquals(7, JsonBody.parse(put("application/json", "{\"a\": 7}"), 100, JSON_ONLY).get("a").intValue());
    }

    @Test
    void contentTypeParametersAndCaseDoNotMatter() {
        assertEquals("x", JsonBody.parse(put("Application/JSON; charset=utf-8", "{\"a\": \"x\"}"), 100, JSON_ONLY)
                .get("a").textValue());
    }

    @Test
    void invalidJsonIs400SayingWhatAndWhere() {
        RequestRejected e = rejection(put("application/json", "{\n  \"status\": \"active\",\n}"));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("the body is not valid JSON: Unexpected character ('}'"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" at line 3, column 1"), e.getMessage());
        assertTrue(!e.getMessage().contains("Source") && !e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aTruncatedDocumentIs400() {
        RequestRejected e = rejection(put("application/json", "{\"status\": \"act"));

        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("the body is not valid JSON: Unexpected end-of-input"), e.getMessage());
        assertTrue(!e.getMessage().contains("Source"), e.getMessage());
    }

    @Test
    void aFieldGivenTwiceIs400() {
        RequestRejected e = rejection(put("application/json", "{\"status\": \"active\", \"status\": \"suspended\"}"));

        assertTrue(e.getMessage().startsWith("the body is not valid JSON: Duplicate field 'status'"), e.getMessage());
    }

    @Test
    void anythingAfterTheDocumentIs400() {
        RequestRejected e = rejection(put("application/json", "{} {}"));

        assertEquals(400, e.status());
        assertEquals("the body is not valid JSON: something follows the end of the document at line 1, column 4",
                e.getMessage());
    }

    @Test
    void anEmptyBodyIs400() {
        assertEquals("the body is empty; PUT needs a JSON document",
                rejection(put("application/json", "")).getMessage());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        RequestRejected e = rejection(put("application/json", "[" + "1,".repeat(60) + "1]"));

        assertEquals(413, e.status());
        assertEquals("the body is 123 bytes; at most 100 are taken here", e.getMessage());
    }

    @Test
    void anotherContentTypeIs415() {
        RequestRejected e = rejection(put("text/plain", "{}"));

        assertEquals(415, e.status());
        assertEquals("Content-Type must be application/json, not text/plain", e.getMessage());
    }

    @Test
    void noContentTypeIs415() {
        assertEquals("Content-Type must be application/json; there is none", rejection(put(null, "{}")).getMessage());
    }

    @Test
    void severalContentTypesMayBeAccepted() {
        RequestRejected e = assertThrows(RequestRejected.class, () -> JsonBody.parse(put("text/plain", "{}"), 100,
                Set.of(JsonBody.JSON, JsonBody.MERGE_PATCH)));

        assertEquals("Content-Type must be application/json or application/merge-patch+json, not text/plain",
                e.getMessage());
        JsonBody.parse(put("application/merge-patch+json", "{}"), 100, Set.of(JsonBody.JSON, JsonBody.MERGE_PATCH));
    }
}
