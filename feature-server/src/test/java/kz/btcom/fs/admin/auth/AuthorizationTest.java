package kz.btcom.fs.admin.auth;

import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestHandler;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The bearer-token check: who may call, and what everyone else hears (RFC 6750). */
class AuthorizationTest {

    private static final String OPERATOR_TOKEN = "op-0123456789abcdef";
    private static final String TECHNICIAN_TOKEN = "tech-0123456789abcdef";

    private final AccessTokens tokens = AccessTokens.of(
            Map.of(OPERATOR_TOKEN, Role.OPERATOR, TECHNICIAN_TOKEN, Role.TECHNICIAN), "test");
    private final AtomicReference<AuthenticatedRequest> seen = new AtomicReference<>();
    private final RequestHandler operatorsOnly = new Authorization(tokens).requireRole(EnumSet.of(Role.OPERATOR),
            request -> {
                seen.set(request);
                return AdminResponse.json(200, "{}");
            });

    private AdminResponse call(String authorization) {
        AdminRequest request = AdminRequest.of("PUT", "/api/v1/subscribers/+77272777888");
        return operatorsOnly.handle(authorization == null ? request
                : request.withHeader("Authorization", authorization));
    }

    @Test
    void aKnownTokenOfAnAllowedRoleReachesTheHandlerWhichSeesWhoCalled() {
        AdminResponse response = call("Bearer " + OPERATOR_TOKEN);

        assertEquals(200, response.status());
        assertEquals(Role.OPERATOR, seen.get().principal().role());
        assertEquals(AccessTokens.tokenId(OPERATOR_TOKEN), seen.get().principal().tokenId());
        assertEquals("/api/v1/subscribers/+77272777888", seen.get().http().path());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertEquals(200, call("bearer " + OPERATOR_TOKEN).status());
        assertEquals(200, call("BEARER  " + OPERATOR_TOKEN + " ").status());
    }

    @Test
    void noAuthorizationIs401WithTheBearerChallenge() {
        AdminResponse response = call(null);

        assertEquals(401, response.status());
        assertEquals("Bearer realm=\"btcom-fs\"", response.headers().get("WWW-Authenticate"));
        assertEquals("{\"error\":\"this call needs an Authorization: Bearer <token> header\"}", response.bodyText());
        assertNull(seen.get());
    }

    @Test
    void anAuthorizationThatIsNotABearerTokenIs401() {
        for (String malformed : new String[] {"Basic b3A6c2VjcmV0", "Bearer", "Bearer ", OPERATOR_TOKEN,
                "Bearer a b", "Bearer " + OPERATOR_TOKEN + ", Bearer " + OPERATOR_TOKEN}) {
            AdminResponse response = call(malformed);

            assertEquals(401, response.status(), malformed);
            assertEquals("Bearer realm=\"btcom-fs\"", response.headers().get("WWW-Authenticate"));
            assertEquals("{\"error\":\"the Authorization header is not Bearer <token>\"}", response.bodyText());
        }
        assertNull(seen.get());
    }

    @Test
    void anUnknownTokenIs401InvalidToken() {
        AdminResponse response = call("Bearer not-a-token-of-ours-at-all");

        assertEquals(401, response.status());
        assertEquals("Bearer realm=\"btcom-fs\", error=\"invalid_token\"", response.headers().get("WWW-Authenticate"));
        assertEquals("{\"error\":\"the bearer token is not known\"}", response.bodyText());
        assertNull(seen.get());
    }

    @Test
    void aKnownTokenOfAnotherRoleIs403() {
        AdminResponse response = call("Bearer " + TECHNICIAN_TOKEN);

        assertEquals(403, response.status());
        assertEquals("{\"error\":\"PUT /api/v1/subscribers/+77272777888 is for the operator role;"
                + " this token's role is technician\"}", response.bodyText());
        assertNull(seen.get());
    }

    @Test
    void aCallForSeveralRolesNamesThemAll() {
        RequestHandler readers = new Authorization(AccessTokens.of(Map.of(OPERATOR_TOKEN, Role.OPERATOR), "test"))
                .requireRole(EnumSet.of(Role.TECHNICIAN), request -> AdminResponse.json(200, "{}"));

        AdminResponse response = readers.handle(AdminRequest.of("GET", "/api/v1/traces/malicious")
                .withHeader("Authorization", "Bearer " + OPERATOR_TOKEN));

        assertEquals("{\"error\":\"GET /api/v1/traces/malicious is for the technician role;"
                + " this token's role is operator\"}", response.bodyText());
    }

    @Test
    void anAddressThatGuessedTooManyTokensGets429WithRetryAfterEvenWithTheRightOne() {
        FakeClock clock = FakeClock.at("2026-12-01T08:00:00Z");
        RequestHandler guarded = new Authorization(tokens, new FailedTokens(3, Duration.ofSeconds(60), clock))
                .requireRole(EnumSet.of(Role.OPERATOR), request -> AdminResponse.json(200, "{}"));
        AdminRequest guess = AdminRequest.of("GET", "/api/v1/subscribers").withSource("10.9.9.9")
                .withHeader("Authorization", "Bearer guess-0123456789abcdef");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, guarded.handle(guess).status());
            clock.advance(Duration.ofSeconds(5));
        }

        AdminResponse refused = guarded.handle(guess.withHeader("Authorization", "Bearer " + OPERATOR_TOKEN));

        assertEquals(429, refused.status());
        assertEquals("45", refused.headers().get("Retry-After"));
        assertEquals("{\"error\":\"too many unknown tokens from this address; try again in 45 s\"}",
                refused.bodyText());
        assertEquals(200, guarded.handle(guess.withSource("10.1.1.1")
                .withHeader("Authorization", "Bearer " + OPERATOR_TOKEN)).status(), "another address is served");
        clock.advance(Duration.ofSeconds(45));
        assertEquals(200, guarded.handle(guess.withHeader("Authorization", "Bearer " + OPERATOR_TOKEN)).status(),
                "once the window is over");
    }
}
