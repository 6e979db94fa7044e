package kz.btcom.fs.admin.api;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.Health;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.admin.auth.AccessTokens;
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.testing.InMemorySubscriberStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /api/v1/whoami}: how a client such as the console learns the role of the token it was given, to offer
 * only what that role may do.
 */
class WhoAmIApiTest {

    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";

    private final RequestHandler http = AdminRoutes.create(new Health(), new PrometheusRegistry(),
            ApiV1.routes(AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR, TECHNICIAN, Role.TECHNICIAN), "test"),
                    new InMemorySubscriberStore(), NumberingPlan.builtIn(),
                    new CallRecordsEndpoint((number, from, to) -> List.of(), NumberingPlan.builtIn(),
                            Clock.systemUTC())));

    private AdminResponse whoami(String token, Map<String, List<String>> query) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
        return http.handle(new AdminRequest("GET", "/api/v1/whoami", query, headers, new byte[0]));
    }

    @Test
    void anOperatorTokenIsTheOperatorRoleNamedByItsIdNeverByItself() {
        AdminResponse response = whoami(OPERATOR, Map.of());

        assertEquals(200, response.status());
        assertEquals(AdminResponse.JSON, response.contentType());
        String tokenId = AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR), "test").authenticate(OPERATOR)
                .orElseThrow().tokenId();
        assertEquals("{\"role\":\"operator\",\"tokenId\":\"" + tokenId + "\"}", response.bodyText());
    }

    @Test
    void aTechnicianTokenIsTheTechnicianRole() {
        assertEquals("technician", whoami(TECHNICIAN, Map.of()).bodyText().replaceAll(".*\"role\":\"(\\w+)\".*", "$1"));
    }

    @Test
    void noTokenOrAnUnknownOneIs401() {
        assertEquals(401, whoami(null, Map.of()).status());
        assertEquals(401, whoami("someone-elses-token-0123", Map.of()).status());
    }

    @Test
    void aQueryParameterIsRefusedAsEverywhereElse() {
        AdminResponse response = whoami(OPERATOR, Map.of("token", List.of("x")));

        assertEquals(400, response.status());
        assertEquals("{\"error\":\"unknown query parameter \\\"token\\\"; this call takes no parameters\"}",
                response.bodyText());
    }
}
