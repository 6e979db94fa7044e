package kz.btcom.fs.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Routing without a socket: how later /api/v1 endpoints will be added. */
class RouterTest {

    private static RequestHandler answering(String body) {
        return request -> AdminResponse.json(200, body);
    }

    private final Router router = Router.builder()
            .get("/health", answering("\"health\""))
            .route("PUT", "/thing", answering("\"put\""))
            .get("/thing", answering("\"get\""))
            .mount("/api/v1", request -> AdminResponse.json(200, "\"api " + request.path() + "\""))
            .build();

    private AdminResponse handle(String method, String path) {
        return router.handle(AdminRequest.of(method, path));
    }

    @Test
    void aKnownPathAndMethodReachTheirHandler() {
        assertEquals("\"put\"", handle("PUT", "/thing").bodyText());
        assertEquals("\"get\"", handle("GET", "/thing").bodyText());
    }

    @Test
    void anUnknownPathIs404WithAJsonError() {
        AdminResponse response = handle("GET", "/nope");

        assertEquals(404, response.status());
        assertEquals(AdminResponse.JSON, response.contentType());
        assertEquals("{\"error\":\"no such resource: /nope\"}", response.bodyText());
    }

    @Test
    void anotherMethodOnAKnownPathIs405NamingTheAllowedOnes() {
        AdminResponse response = handle("DELETE", "/thing");

        assertEquals(405, response.status());
        assertEquals("{\"error\":\"DELETE is not allowed on /thing\"}", response.bodyText());
        assertEquals("PUT, GET", response.headers().get("Allow"));
    }

    @Test
    void everythingUnderAMountedPrefixGoesToItsHandler() {
        assertEquals("\"api /api/v1/subscribers/77272777888\"",
                handle("GET", "/api/v1/subscribers/77272777888").bodyText());
        assertEquals(404, handle("GET", "/api/v1x").status());
    }

    @Test
    void aRouteCannotBeGivenTwice() {
        assertThrows(IllegalArgumentException.class,
                () -> Router.builder().get("/health", answering("1")).get("/health", answering("2")));
    }

    @Test
    void errorTextIsEscapedAsJson() {
        assertEquals("{\"error\":\"say \\\"hi\\\"\"}", AdminResponse.error(400, "say \"hi\"").bodyText());
    }

    private final Router templates = Router.builder()
            .route("GET", "/subscribers/{number}", request -> AdminResponse.json(200,
                    "\"get " + request.pathParameter("number") + "\""))
            .route("DELETE", "/subscribers/{number}", answering("\"delete\""))
            .get("/subscribers/{number}/wakeups", request -> AdminResponse.json(200,
                    "\"wakeups of " + request.pathParameter("number") + "\""))
            .get("/subscribers/count", answering("\"count\""))
            .build();

    @Test
    void aTemplateSegmentReachesTheHandlerAsAPathParameter() {
        assertEquals("\"get +77272777888\"", templates.handle(AdminRequest.of("GET", "/subscribers/+77272777888"))
                .bodyText());
        assertEquals("\"wakeups of 77272777888\"",
                templates.handle(AdminRequest.of("GET", "/subscribers/77272777888/wakeups")).bodyText());
    }

    @Test
    void anExactPathWinsOverATemplate() {
        assertEquals("\"count\"", templates.handle(AdminRequest.of("GET", "/subscribers/count")).bodyText());
    }

    @Test
    void aTemplateMatchesOnlyWholeNonEmptySegments() {
        assertEquals(404, templates.handle(AdminRequest.of("GET", "/subscribers/")).status());
        assertEquals(404, templates.handle(AdminRequest.of("GET", "/subscribers/1/2")).status());
        assertEquals(404, templates.handle(AdminRequest.of("GET", "/subscribers")).status());
    }

    @Test
    void anotherMethodOnATemplatePathIs405NamingTheAllowedOnes() {
        AdminResponse response = templates.handle(AdminRequest.of("POST", "/subscribers/1"));

        assertEquals(405, response.status());
        assertEquals("GET, DELETE", response.headers().get("Allow"));
    }

    @Test
    void aRejectedRequestIsAnsweredWithItsStatusAndJsonError() {
        Router rejecting = Router.builder()
                .get("/x", request -> {
                    throw new RequestRejected(413, "too big");
                })
                .build();

        AdminResponse response = rejecting.handle(AdminRequest.of("GET", "/x"));

        assertEquals(413, response.status());
        assertEquals("{\"error\":\"too big\"}", response.bodyText());
    }

    @Test
    void onlyHandlersThatMayBlockAreSentOffTheEventLoop() {
        Router router = Router.builder()
                .get("/health", new HealthEndpoint(new Health()))
                .get("/db", answering("\"db\""))
                .mount("/api", answering("\"api\""))
                .build();

        assertEquals(false, router.mayBlock(AdminRequest.of("GET", "/health")));
        assertEquals(true, router.mayBlock(AdminRequest.of("GET", "/db")));
        assertEquals(true, router.mayBlock(AdminRequest.of("GET", "/api/v1/subscribers")));
        assertEquals(false, router.mayBlock(AdminRequest.of("GET", "/nowhere")));
        assertEquals(false, router.mayBlock(AdminRequest.of("POST", "/health")));
    }

    @Test
    void aTemplateSegmentMustBeAWholeName() {
        assertThrows(IllegalArgumentException.class,
                () -> Router.builder().get("/subscribers/x{number}", answering("1")));
    }
}
