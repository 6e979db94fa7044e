package kz.btcom.fs.admin.api;

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
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.PinGuard;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.testing.InMemorySubscriberStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /api/v1/subscribers} through the handlers, without a socket: every answer PRODUCT.md gives. */
class SubscriberApiTest {

    /** These tests are about subscribers: no call records. */
    private static final kz.btcom.fs.admin.calls.CallRecordsEndpoint NO_CALLS =
            new kz.btcom.fs.admin.calls.CallRecordsEndpoint((number, from, to) -> java.util.List.of(),
                    NumberingPlan.builtIn(), java.time.Clock.systemUTC());

    static final String OPERATOR = "operator-token-0123456789";
    static final String TECHNICIAN = "technician-token-0123456789";
    private static final String NUMBER = "+77272777888";
    private static final String PATH = "/api/v1/subscribers/" + NUMBER;
    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final InMemorySubscriberStore store = new InMemorySubscriberStore();
    private final RequestHandler http = AdminRoutes.create(new Health(), new PrometheusRegistry(),
            ApiV1.routes(AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR, TECHNICIAN, Role.TECHNICIAN), "test"),
                    store, NumberingPlan.builtIn(), NO_CALLS));

    private AdminResponse call(String method, String path, String token, String contentType, String body) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("authorization", "Bearer " + token);
        }
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        int query = path.indexOf('?');
        Map<String, List<String>> parameters = new HashMap<>();
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                parameters.computeIfAbsent(nameValue[0], n -> new java.util.ArrayList<>())
                        .add(nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return http.handle(new AdminRequest(method, query < 0 ? path : path.substring(0, query), parameters, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private AdminResponse operator(String method, String path, String body) {
        return call(method, path, OPERATOR, body == null ? null : JSON, body);
    }

    private AdminResponse get(String path) {
        return call("GET", path, OPERATOR, null, null);
    }

    private static JsonNode json(AdminResponse response) {
        return JsonBody.read(response.body(), "the response");
    }

    private static String error(AdminResponse response) {
        return json(response).get("error").textValue();
    }

    private Subscriber stored() {
        return store.find(NUMBER).orElseThrow();
    }

    // PUT

    @Test
    void putCreatesASubscriberWith201AndAnswersWithTheProfileWithoutThePin() {
        AdminResponse response = operator("PUT", PATH, "{\"pin\": \"4321\", \"services\": {\"clip\": true}}");

        assertEquals(201, response.status());
        assertEquals("/api/v1/subscribers/+77272777888", response.headers().get("Location"));
        assertEquals(NUMBER, json(response).get("number").textValue());
        assertTrue(json(response).at("/services/clip").booleanValue());
        assertFalse(json(response).has("pin"));
        assertTrue(stored().pin().matches("4321"));
    }

    @Test
    void putOfAnExistingSubscriberReplacesItWith200() {
        operator("PUT", PATH, "{\"services\": {\"clip\": true}}");

        AdminResponse response = operator("PUT", PATH, "{\"services\": {\"clir\": true}}");

        assertEquals(200, response.status());
        assertFalse(json(response).at("/services/clip").booleanValue());
        assertTrue(json(response).at("/services/clir").booleanValue());
        assertEquals(json(response), json(get(PATH)));
    }

    @Test
    void putLeavesOutNothingButFillsInTheDefaults() {
        AdminResponse response = operator("PUT", PATH, "{}");

        assertEquals(json(operator("GET", PATH, null)), json(response));
        JsonNode profile = json(response);
        assertEquals("active", profile.get("status").textValue());
        assertEquals(20, profile.at("/services/forwarding/noReplySeconds").intValue());
        assertFalse(profile.at("/services/callWaiting/subscribed").booleanValue());
        assertTrue(profile.at("/services/forwarding/busy").isNull());
        assertTrue(stored().pin().matches("0000"));
    }

    @Test
    void aReplacingPutWithoutAPinKeepsTheOldOneAndItsLock() {
        operator("PUT", PATH, "{\"pin\": \"4321\"}");
        PinGuard locked = new PinGuard(3, Optional.of(Instant.parse("2030-01-01T00:00:00Z")));
        store.put(stored().withPinGuard(locked));

        operator("PUT", PATH, "{\"status\": \"suspended\"}");

        assertTrue(stored().pin().matches("4321"));
        assertEquals(locked, stored().pinGuard());
        assertEquals(LineStatus.SUSPENDED, stored().status());
    }

    @Test
    void aNewPinLiftsTheLockOfWrongPins() {
        operator("PUT", PATH, "{}");
        store.put(stored().withPinGuard(new PinGuard(3, Optional.of(Instant.parse("2030-01-01T00:00:00Z")))));

        operator("PUT", PATH, "{\"pin\": \"9876\"}");

        assertTrue(stored().pin().matches("9876"));
        assertEquals(PinGuard.CLEAR, stored().pinGuard());
    }

    @Test
    void theNumberInThePathMayLeaveOutThePlus() {
        assertEquals(201, operator("PUT", "/api/v1/subscribers/77272777888", "{}").status());

        assertEquals(NUMBER, json(get("/api/v1/subscribers/77272777888")).get("number").textValue());
        assertEquals(200, get(PATH).status());
    }

    @Test
    void aPathThatIsNotANumberIs400NamingIt() {
        AdminResponse response = operator("PUT", "/api/v1/subscribers/alice", "{}");

        assertEquals(400, response.status());
        assertEquals("\"alice\" is not a telephone number; write it in E.164, with or without +", error(response));
        assertEquals(400, get("/api/v1/subscribers/12").status());
    }

    @Test
    void aBodysNumberOtherThanThePathsIs400() {
        AdminResponse response = operator("PUT", PATH, "{\"number\": \"+77272777999\"}");

        assertEquals(400, response.status());
        assertEquals("number: \"+77272777999\" is not the number in the path, +77272777888", error(response));
        assertEquals(Optional.empty(), store.find(NUMBER));
    }

    @Test
    void badJsonIs400SayingWhatAndWhere() {
        AdminResponse response = operator("PUT", PATH, "{\"status\": \"active\" \"pin\": \"1234\"}");

        assertEquals(400, response.status());
        assertEquals(AdminResponse.JSON, response.contentType());
        assertEquals("the body is not valid JSON: Unexpected character ('\"' (code 34)): was expecting comma to"
                + " separate Object entries at line 1, column 21", error(response));
    }

    @Test
    void aFieldOutOfRangeIs400NamingItsDottedPath() {
        AdminResponse response = operator("PUT", PATH, "{\"services\": {\"forwarding\": {\"noReplySeconds\": 200}}}");

        assertEquals(400, response.status());
        assertEquals("services.forwarding.noReplySeconds: 200 is out of range 5-180", error(response));
    }

    @Test
    void forwardingTargetsAreStoredNormalisedInTheSubscribersArea() {
        AdminResponse response = operator("PUT", PATH,
                "{\"services\": {\"forwarding\": {\"subscribed\": true, \"busy\": \"2345678\","
                        + " \"noReply\": \"87011234567\"}}}");

        assertEquals("+77272345678", json(response).at("/services/forwarding/busy").textValue());
        assertEquals("+77011234567", json(response).at("/services/forwarding/noReply").textValue());
        assertEquals(Optional.of("+77272345678"), stored().services().forwarding().busy());
    }

    @Test
    void anUnknownForwardingTargetIs400NamingTheField() {
        AdminResponse response = operator("PUT", PATH, "{\"services\": {\"forwarding\": {\"busy\": \"99\"}}}");

        assertEquals(400, response.status());
        assertEquals("services.forwarding.busy: \"99\" is not a number this line can dial", error(response));
    }

    @Test
    void fieldsBeyondTheKnownOnesAreKeptAndReturned() {
        operator("PUT", PATH, "{\"tariff\": \"home-2\", \"services\": {\"video\": {\"subscribed\": true}}}");

        JsonNode profile = json(get(PATH));

        assertEquals("home-2", profile.get("tariff").textValue());
        assertTrue(profile.at("/services/video/subscribed").booleanValue());
    }

    @Test
    void aPutWithoutABodyIs400() {
        AdminResponse response = call("PUT", PATH, OPERATOR, JSON, "");

        assertEquals(400, response.status());
        assertEquals("the body is empty; PUT needs a JSON document", error(response));
    }

    @Test
    void aPutThatIsNotJsonByItsContentTypeIs415() {
        assertEquals(415, call("PUT", PATH, OPERATOR, "text/plain", "{}").status());
        assertEquals(415, call("PUT", PATH, OPERATOR, null, "{}").status());
        assertEquals(415, call("PUT", PATH, OPERATOR, MERGE_PATCH, "{}").status());
    }

    @Test
    void aBodyOver16KilobytesIs413() {
        String big = "{\"notes\": \"" + "x".repeat(16 * 1024) + "\"}";

        AdminResponse response = operator("PUT", PATH, big);

        assertEquals(413, response.status());
        assertEquals("the body is 16397 bytes; at most 16384 are taken here", error(response));
    }

    // GET

    @Test
    void getOfAnUnknownSubscriberIs404() {
        AdminResponse response = get(PATH);

        assertEquals(404, response.status());
        assertEquals("{\"error\":\"no subscriber +77272777888\"}", response.bodyText());
    }

    @Test
    void getNeverReturnsThePin() {
        operator("PUT", PATH, "{\"pin\": \"4321\"}");

        AdminResponse response = get(PATH);

        assertEquals(200, response.status());
        assertFalse(response.bodyText().contains("pin"), response.bodyText());
        assertFalse(response.bodyText().contains("4321"), response.bodyText());
    }

    // PATCH

    @Test
    void patchChangesOnlyWhatItNames() {
        operator("PUT", PATH, "{\"services\": {\"clip\": true, \"forwarding\": {\"subscribed\": true}}}");

        AdminResponse response = call("PATCH", PATH, OPERATOR, MERGE_PATCH,
                "{\"services\": {\"forwarding\": {\"noReplySeconds\": 30, \"noReply\": \"2345678\"}}}");

        assertEquals(200, response.status());
        JsonNode profile = json(response);
        assertEquals(30, profile.at("/services/forwarding/noReplySeconds").intValue());
        assertEquals("+77272345678", profile.at("/services/forwarding/noReply").textValue());
        assertTrue(profile.at("/services/forwarding/subscribed").booleanValue());
        assertTrue(profile.at("/services/clip").booleanValue());
        assertEquals(profile, json(get(PATH)));
    }

    @Test
    void patchAcceptsPlainJsonToo() {
        operator("PUT", PATH, "{}");

        assertEquals(200, call("PATCH", PATH, OPERATOR, JSON, "{\"status\": \"suspended\"}").status());
        assertEquals(LineStatus.SUSPENDED, stored().status());
    }

    @Test
    void patchNullRemovesAForwardingTargetAndResetsASwitch() {
        operator("PUT", PATH, "{\"services\": {\"clip\": true, \"forwarding\": {\"busy\": \"2345678\"}}}");

        JsonNode profile = json(call("PATCH", PATH, OPERATOR, MERGE_PATCH,
                "{\"services\": {\"clip\": null, \"forwarding\": {\"busy\": null}}}"));

        assertFalse(profile.at("/services/clip").booleanValue());
        assertTrue(profile.at("/services/forwarding/busy").isNull());
    }

    @Test
    void patchNullRemovesAnUnknownField() {
        operator("PUT", PATH, "{\"tariff\": \"home-2\", \"region\": \"south\"}");

        JsonNode profile = json(call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"tariff\": null}"));

        assertFalse(profile.has("tariff"));
        assertEquals("south", profile.get("region").textValue());
    }

    @Test
    void patchMaySetANewPin() {
        operator("PUT", PATH, "{}");

        AdminResponse response = call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"pin\": \"5555\"}");

        assertEquals(200, response.status());
        assertFalse(response.bodyText().contains("pin"));
        assertTrue(stored().pin().matches("5555"));
    }

    @Test
    void patchCannotRemoveTheStatusTheNumberOrThePin() {
        operator("PUT", PATH, "{}");

        assertEquals("status: cannot be removed; it is active or suspended",
                error(call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"status\": null}")));
        assertEquals("pin: cannot be removed; set a new PIN of 4 to 8 digits instead",
                error(call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"pin\": null}")));
        assertEquals("number: cannot be removed; it is the line's key",
                error(call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"number\": null}")));
    }

    @Test
    void aPatchThatMakesABadProfileIs400AndChangesNothing() {
        operator("PUT", PATH, "{\"services\": {\"clip\": true}}");
        Subscriber before = stored();

        AdminResponse response = call("PATCH", PATH, OPERATOR, MERGE_PATCH,
                "{\"services\": {\"clip\": false, \"barring\": {\"level\": 9}}}");

        assertEquals(400, response.status());
        assertEquals("services.barring.level: 9 is out of range 0-4", error(response));
        assertEquals(before, stored());
    }

    @Test
    void aPatchWithABadPinIs400() {
        operator("PUT", PATH, "{}");

        assertEquals("pin: must be 4 to 8 digits",
                error(call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"pin\": \"12\"}")));
    }

    @Test
    void aPatchThatIsNotAnObjectIs400() {
        operator("PUT", PATH, "{}");

        AdminResponse response = call("PATCH", PATH, OPERATOR, MERGE_PATCH, "[]");

        assertEquals(400, response.status());
        assertEquals("a merge patch of a subscriber is a JSON object", error(response));
    }

    @Test
    void patchOfAnUnknownSubscriberIs404() {
        assertEquals(404, call("PATCH", PATH, OPERATOR, MERGE_PATCH, "{\"status\": \"active\"}").status());
    }

    @Test
    void aPatchThatIsNotJsonByItsContentTypeIs415() {
        operator("PUT", PATH, "{}");

        assertEquals(415, call("PATCH", PATH, OPERATOR, "application/x-www-form-urlencoded", "status=x").status());
    }

    // DELETE

    @Test
    void deleteIs204AndThenTheSubscriberIsGone() {
        operator("PUT", PATH, "{}");

        AdminResponse response = call("DELETE", PATH, OPERATOR, null, null);

        assertEquals(204, response.status());
        assertEquals(0, response.body().length);
        assertEquals(404, get(PATH).status());
    }

    @Test
    void deleteOfAnUnknownSubscriberIs404() {
        assertEquals(404, call("DELETE", PATH, OPERATOR, null, null).status());
    }

    // The list

    private void provision(int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(201, operator("PUT", "/api/v1/subscribers/+7727200" + String.format("%04d", i), "{}")
                    .status());
        }
    }

    private List<String> numbersIn(AdminResponse response) {
        List<String> numbers = new java.util.ArrayList<>();
        json(response).get("subscribers").forEach(s -> numbers.add(s.get("number").textValue()));
        return numbers;
    }

    @Test
    void theListIsPagedInNumberOrderWithWhereTheNextPageStarts() {
        provision(5);

        AdminResponse first = get("/api/v1/subscribers?limit=2");
        AdminResponse second = get("/api/v1/subscribers?limit=2&after=" + json(first).get("next").textValue());
        AdminResponse last = get("/api/v1/subscribers?limit=2&after=" + json(second).get("next").textValue());

        assertEquals(List.of("+77272000000", "+77272000001"), numbersIn(first));
        assertEquals(List.of("+77272000002", "+77272000003"), numbersIn(second));
        assertEquals(List.of("+77272000004"), numbersIn(last));
        assertTrue(json(last).get("next").isNull());
    }

    @Test
    void aFullLastPageHasNoNext() {
        provision(4);

        AdminResponse first = get("/api/v1/subscribers?limit=2");
        AdminResponse last = get("/api/v1/subscribers?limit=2&after=" + json(first).get("next").textValue());

        assertEquals(List.of("+77272000002", "+77272000003"), numbersIn(last));
        assertTrue(json(last).get("next").isNull());
    }

    @Test
    void theListShowsOneHundredByDefault() {
        provision(101);

        AdminResponse response = get("/api/v1/subscribers");

        assertEquals(100, numbersIn(response).size());
        assertEquals("+77272000099", json(response).get("next").textValue());
    }

    @Test
    void theListMayBeLimitedToAPrefixWithOrWithoutPlus() {
        provision(3);
        operator("PUT", "/api/v1/subscribers/+77172123456", "{}");

        assertEquals(List.of("+77172123456"), numbersIn(get("/api/v1/subscribers?prefix=+7717")));
        assertEquals(List.of("+77172123456"), numbersIn(get("/api/v1/subscribers?prefix=7717")));
        // An unescaped '+' in a query string arrives as a space.
        assertEquals(List.of("+77172123456"), numbersIn(get("/api/v1/subscribers?prefix= 7717")));
        assertEquals(3, numbersIn(get("/api/v1/subscribers?prefix=7727")).size());
        assertEquals(4, numbersIn(get("/api/v1/subscribers?prefix=")).size());
    }

    @Test
    void theListsProfilesAreWhatGetReturns() {
        operator("PUT", PATH, "{\"pin\": \"4321\", \"tariff\": \"home-2\"}");

        JsonNode listed = json(get("/api/v1/subscribers")).get("subscribers").get(0);

        assertEquals(json(get(PATH)), listed);
    }

    @Test
    void aLimitOutside1To1000Is400() {
        assertEquals("limit: 0 is out of range 1-1000", error(get("/api/v1/subscribers?limit=0")));
        assertEquals("limit: 1001 is out of range 1-1000", error(get("/api/v1/subscribers?limit=1001")));
        assertEquals("limit: \"ten\" is not a whole number", error(get("/api/v1/subscribers?limit=ten")));
        assertEquals(200, get("/api/v1/subscribers?limit=1000").status());
    }

    @Test
    void aBadPrefixOrAfterIs400() {
        assertEquals("prefix: \"77x\" is not the start of an E.164 number (digits, with or without +)",
                error(get("/api/v1/subscribers?prefix=77x")));
        assertEquals("after: \"bob\" is not a telephone number", error(get("/api/v1/subscribers?after=bob")));
    }

    @Test
    void anUnknownOrRepeatedQueryParameterIs400() {
        assertEquals("unknown query parameter \"prefx\"; this call takes prefix, limit and after",
                error(get("/api/v1/subscribers?prefx=7727")));
        assertEquals("limit is given more than once", error(get("/api/v1/subscribers?limit=1&limit=2")));
    }

    // Roles, methods, paths

    @Test
    void noTokenIs401WithTheBearerChallenge() {
        AdminResponse response = call("GET", PATH, null, null, null);

        assertEquals(401, response.status());
        assertEquals("Bearer realm=\"btcom-fs\"", response.headers().get("WWW-Authenticate"));
        assertTrue(json(response).has("error"));
    }

    @Test
    void anUnknownTokenIs401() {
        assertEquals(401, call("GET", PATH, "somebody-elses-token-0123", null, null).status());
    }

    @Test
    void aTechnicianMayReadButNotChange() {
        operator("PUT", PATH, "{}");

        assertEquals(200, call("GET", PATH, TECHNICIAN, null, null).status());
        assertEquals(200, call("GET", "/api/v1/subscribers", TECHNICIAN, null, null).status());
        assertEquals(403, call("PUT", PATH, TECHNICIAN, JSON, "{}").status());
        assertEquals(403, call("PATCH", PATH, TECHNICIAN, MERGE_PATCH, "{}").status());
        assertEquals(403, call("DELETE", PATH, TECHNICIAN, null, null).status());
        assertEquals("{\"error\":\"PUT /api/v1/subscribers/+77272777888 is for the operator role;"
                + " this token's role is technician\"}", call("PUT", PATH, TECHNICIAN, JSON, "{}").bodyText());
    }

    @Test
    void anotherMethodIs405NamingTheAllowedOnes() {
        AdminResponse response = call("POST", PATH, OPERATOR, JSON, "{}");

        assertEquals(405, response.status());
        assertEquals("PUT, GET, PATCH, DELETE", response.headers().get("Allow"));
        assertEquals("GET", call("DELETE", "/api/v1/subscribers", OPERATOR, null, null).headers().get("Allow"));
    }

    @Test
    void anUnknownPathUnderTheApiIs404() {
        AdminResponse response = get("/api/v1/nothing-here");

        assertEquals(404, response.status());
        assertEquals("{\"error\":\"no such resource: /api/v1/nothing-here\"}", response.bodyText());
    }

    @Test
    void aFailingDatabaseIs503AndItsDetailsStayInTheLog() {
        InMemorySubscriberStore down = new InMemorySubscriberStore();
        down.failWith("connection refused");
        RequestHandler failing = ApiV1.routes(AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR), "test"),
                down, NumberingPlan.builtIn(), NO_CALLS);

        AdminResponse response = failing.handle(AdminRequest.of("GET", PATH).withHeader("Authorization",
                "Bearer " + OPERATOR));

        assertEquals(503, response.status());
        assertEquals("{\"error\":\"the subscriber database is not available; try again shortly\"}",
                response.bodyText());
    }

    @Test
    void theApiMayBlockAndIsSentOffTheEventLoopButHealthIsNot() {
        assertTrue(http.mayBlock(AdminRequest.of("GET", PATH)));
        assertFalse(http.mayBlock(AdminRequest.of("GET", "/health")));
    }
}
