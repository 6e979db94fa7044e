package kz.btcom.fs.admin.api;

import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.JsonBody;
import org.junit.jupiter.api.Test;

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
}
