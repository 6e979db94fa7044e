package kz.btcom.fs.admin.api;

import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.JsonBody;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What SubscriberJsonFuzzTest found, each with the input it found. */
class SubscriberJsonFuzzFindingsTest {

    /** The fuzzer's body: three NULs first make Jackson read UTF-32, and 0xa8... is no character. */
    private static final byte[] NOT_UTF32 = {0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xa8, 0x2b, 0x7b};

    @Test
    void aBodyJacksonTakesForUtf32ButIsNotGot500InsteadOf400() {
        // Before: CharConversionException (an IOException, not a JsonProcessingException) became
        // IllegalStateException("reading from memory does not fail"), and the HTTP server answered 500.
        for (String method : new String[] {"PUT", "PATCH"}) {
            AdminResponse response = SubscriberJsonFuzzTest.send(method, "application/json", NOT_UTF32);
            assertEquals(400, response.status(), response.bodyText());
            String error = JsonBody.read(response.body(), "the response").get("error").textValue();
            assertTrue(error.startsWith("the body is not valid JSON: Invalid UTF-32 character"), error);
        }
    }

    @Test
    void aNumberWhoseExponentBigDecimalCannotHoldGot500InsteadOf400() {
        // Found as {"name":55555555555555555e5555555555555501"}: before, NumberFormatException out of Jackson's
        // BigDecimal parsing (a RuntimeException), which the HTTP server answered 500.
        byte[] body = "{\"name\":55555555555555555e5555555555555501\"}".getBytes(StandardCharsets.UTF_8);
        for (String method : new String[] {"PUT", "PATCH"}) {
            AdminResponse response = SubscriberJsonFuzzTest.send(method, "application/json", body);
            assertEquals(400, response.status(), response.bodyText());
            assertEquals("the body is not valid JSON: a number is out of range",
                    JsonBody.read(response.body(), "the response").get("error").textValue());
        }
        assertEquals(400, SubscriberJsonFuzzTest.send("PUT", "application/json",
                "{\"services\":{\"barring\":{\"level\":1e99999999999}}}".getBytes(StandardCharsets.UTF_8)).status());
    }
}
