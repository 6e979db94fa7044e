package kz.btcom.fs.admin.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.testing.InMemorySubscriberStore;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber profile as the operator's API takes it (PUT, then PATCH as a merge patch), through the same handlers
 * as over HTTP, with whatever bytes the fuzzer makes of real profiles (seeds in
 * {@code SubscriberJsonFuzzTestInputs/putThenPatch}). Every answer is a success or a 4xx whose body is a JSON
 * {@code {"error": ...}}; an exception out of the handlers is what the HTTP server answers 500, so it is a finding.
 * Runs in the surefire execution "fuzz" (10 s); without JAZZER_FUZZ it replays the seeds.
 */
class SubscriberJsonFuzzTest {

    private static final String TOKEN = "operator-token-0123456789";
    private static final String PATH = "/api/v1/subscribers/+77272777888";

    private static final RequestHandler HTTP = AdminRoutes.create(new Health(), new PrometheusRegistry(),
            ApiV1.routes(AccessTokens.of(Map.of(TOKEN, Role.OPERATOR), "fuzz"), new InMemorySubscriberStore(),
                    NumberingPlan.builtIn(), new CallRecordsEndpoint((number, from, to) -> List.of(),
                            NumberingPlan.builtIn(), Clock.systemUTC())));

    @FuzzTest
    void putThenPatch(byte[] body) {
        answeredWell(send("PUT", "application/json", body));
        answeredWell(send("PATCH", "application/merge-patch+json", body));
        answeredWell(send("GET", null, new byte[0]));
    }

    static AdminResponse send(String method, String contentType, byte[] body) {
        Map<String, String> headers = contentType == null ? Map.of("authorization", "Bearer " + TOKEN)
                : Map.of("authorization", "Bearer " + TOKEN, "content-type", contentType);
        return HTTP.handle(new AdminRequest(method, PATH, Map.of(), headers, body));
    }

    /** A success with a JSON body, or a 4xx with a JSON error message; never a 5xx. */
    static void answeredWell(AdminResponse response) {
        assertTrue(response.status() < 500, () -> response.status() + " " + response.bodyText());
        if (response.status() == 404) {
            return; // PATCH or GET before any PUT succeeded
        }
        JsonNode json = JsonBody.read(response.body(), "the response");
        if (response.status() >= 400) {
            assertTrue(json.path("error").isTextual() && !json.path("error").textValue().isBlank(),
                    response::bodyText);
        } else {
            assertEquals("+77272777888", json.path("number").textValue(), response::bodyText);
        }
    }
}
