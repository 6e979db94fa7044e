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
import kz.btcom.fs.admin.calls.CallRecordsEndpoint;
import kz.btcom.fs.admin.subscribers.WakeUpEndpoints;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.wakeup.JdbcWakeUpStore;
import kz.btcom.fs.service.wakeup.WakeUpBooking;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.service.wakeup.WakeUpCalendar;
import kz.btcom.fs.subscriber.Database;
import kz.btcom.fs.subscriber.LineStatus;
import kz.btcom.fs.subscriber.Services;
import kz.btcom.fs.subscriber.StoreSettings;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberStores;
import kz.btcom.fs.testing.InMemorySubscriberStore;
import kz.btcom.fs.testing.TestSubscribers;
import kz.btcom.fs.time.FakeClock;
import kz.btcom.fs.time.SingleThreadWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /api/v1/subscribers/{number}/wakeups} through the handlers, without a socket: the operator books and
 * cancels a line's wake-up calls, the technician looks. The bookings are in a real (H2) database; the clock says
 * 2026-12-07 01:00 in Almaty (2026-12-06 20:00 UTC).
 */
class WakeUpApiTest {

    private static final CallRecordsEndpoint NO_CALLS = new CallRecordsEndpoint((number, from, to) -> List.of(),
            NumberingPlan.builtIn(), java.time.Clock.systemUTC());
    private static final String OPERATOR = "operator-token-0123456789";
    private static final String TECHNICIAN = "technician-token-0123456789";
    private static final String NUMBER = "+77272777888";
    private static final String PATH = "/api/v1/subscribers/" + NUMBER + "/wakeups";
    private static final String JSON = "application/json";

    @TempDir
    Path dataDir;

    private final FakeClock clock = FakeClock.at("2026-12-06T20:00:00Z");
    private final InMemorySubscriberStore subscribers = new InMemorySubscriberStore();
    private final SingleThreadWriter background = new SingleThreadWriter("test-wakeup-bookings");
    private Database database;
    private JdbcWakeUpStore store;
    private RequestHandler http;

    @BeforeEach
    void start() {
        database = SubscriberStores.openDatabase(StoreSettings.defaults(), dataDir);
        store = new JdbcWakeUpStore(database, clock);
        WakeUpBookings bookings = new WakeUpBookings(store, subscribers, new WakeUpCalendar(ZoneId.of("Asia/Almaty")),
                clock, background);
        http = AdminRoutes.create(new Health(), new PrometheusRegistry(),
                ApiV1.routes(AccessTokens.of(Map.of(OPERATOR, Role.OPERATOR, TECHNICIAN, Role.TECHNICIAN), "test"),
                        subscribers, NumberingPlan.builtIn(), NO_CALLS,
                        new WakeUpEndpoints(bookings, NumberingPlan.builtIn())));
        subscribers.put(TestSubscribers.full(NUMBER));
    }

    @AfterEach
    void stop() {
        background.close();
        database.close();
    }

    private AdminResponse call(String method, String path, String token, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("authorization", "Bearer " + token);
        if (body != null) {
            headers.put("content-type", JSON);
        }
        return http.handle(new AdminRequest(method, path, Map.of(), headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    private AdminResponse book(String body) {
        return call("POST", PATH, OPERATOR, body);
    }

    private static JsonNode json(AdminResponse response) {
        return JsonBody.read(response.body(), "the response");
    }

    private static String error(AdminResponse response) {
        return json(response).get("error").textValue();
    }

    private void assertRejected(int status, String message, AdminResponse response) {
        assertEquals(status, response.status(), response.bodyText());
        assertEquals(message, error(response));
    }

    private void change(Subscriber line) {
        subscribers.put(line);
    }

    @Test
    void postBooksAOnceCallAtTheNextSuchMinuteAndAnswersWithTheBooking() {
        AdminResponse response = book("{\"time\": \"06:30\", \"daily\": false}");

        assertEquals(201, response.status());
        long id = store.find(NUMBER, false).orElseThrow().id();
        assertEquals(JsonBody.read(("{\"id\": " + id + ", \"number\": \"" + NUMBER + "\", \"time\": \"06:30\","
                + " \"daily\": false, \"next\": \"2026-12-07T01:30:00Z\", \"attempts\": 0, \"status\": \"scheduled\"}")
                .getBytes(StandardCharsets.UTF_8), "expected"), json(response));
    }

    @Test
    void dailyDefaultsToFalseAndADailyBookingStandsBesideTheOnceBooking() {
        book("{\"time\": \"00:00\"}");

        AdminResponse daily = book("{\"time\": \"23:59\", \"daily\": true}");

        assertEquals(201, daily.status());
        assertEquals("2026-12-07T18:59:00Z", json(daily).get("next").textValue());
        JsonNode listed = json(call("GET", PATH, OPERATOR, null));
        assertEquals(NUMBER, listed.get("number").textValue());
        assertEquals(List.of("00:00", "23:59"), times(listed));
        assertEquals(json(daily), listed.get("wakeups").get(1));
    }

    @Test
    void aNewBookingOfAKindReplacesTheOld() {
        long first = json(book("{\"time\": \"06:30\"}")).get("id").longValue();

        JsonNode second = json(book("{\"time\": \"07:15\"}"));

        assertEquals(List.of("07:15"), times(json(call("GET", PATH, OPERATOR, null))));
        assertEquals(false, first == second.get("id").longValue(), "a new id");
    }

    @Test
    void aOnceBookingMayNameItsDay() {
        AdminResponse response = book("{\"time\": \"06:30\", \"date\": \"2026-12-24\"}");

        assertEquals(201, response.status());
        assertEquals("2026-12-24T01:30:00Z", json(response).get("next").textValue());
    }

    @Test
    void aDayOrMinuteThatIsOverOrADailyBookingWithADayIsRefused() {
        assertRejected(400, "date: 2026-12-06 06:30 is over in Asia/Almaty",
                book("{\"time\": \"06:30\", \"date\": \"2026-12-06\"}"));
        assertRejected(400, "date: 2026-12-07 00:59 is over in Asia/Almaty",
                book("{\"time\": \"00:59\", \"date\": \"2026-12-07\"}"));
        assertRejected(400, "date: a daily booking has no date; it starts at the next 06:30",
                book("{\"time\": \"06:30\", \"daily\": true, \"date\": \"2026-12-24\"}"));
        assertEquals(List.of(), store.list(NUMBER));
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertRejected(400, "time: \"24:10\" is not HH:MM", book("{\"time\": \"24:10\"}"));
        assertRejected(400, "time: \"06:60\" is not HH:MM", book("{\"time\": \"06:60\"}"));
        assertRejected(400, "time: \"6:30\" is not HH:MM", book("{\"time\": \"6:30\"}"));
        assertRejected(400, "time: \"06:30:00\" is not HH:MM", book("{\"time\": \"06:30:00\"}"));
        assertRejected(400, "time: missing; a booking needs its time of day, \"HH:MM\"", book("{\"daily\": true}"));
        assertRejected(400, "time: must be a time of day, \"HH:MM\", not 630", book("{\"time\": 630}"));
        assertRejected(400, "daily: must be true or false, not \"yes\"",
                book("{\"time\": \"06:30\", \"daily\": \"yes\"}"));
        assertRejected(400, "date: \"2026-02-30\" is not a day, YYYY-MM-DD",
                book("{\"time\": \"06:30\", \"date\": \"2026-02-30\"}"));
        assertRejected(400, "date: \"24.12.2026\" is not a day, YYYY-MM-DD",
                book("{\"time\": \"06:30\", \"date\": \"24.12.2026\"}"));
        assertRejected(400, "repeat: not a field of a wake-up booking; it has time, daily and date",
                book("{\"time\": \"06:30\", \"repeat\": 2}"));
        assertRejected(400, "a wake-up booking is a JSON object, such as {\"time\": \"06:30\", \"daily\": false}",
                book("[\"06:30\"]"));
        assertEquals(List.of(), store.list(NUMBER));
    }

    @Test
    void anUnknownSubscriberIs404AndANumberThatIsNoneIs400() {
        String other = "/api/v1/subscribers/+77272777889/wakeups";

        assertRejected(404, "no subscriber +77272777889", call("POST", other, OPERATOR, "{\"time\": \"06:30\"}"));
        assertRejected(404, "no subscriber +77272777889", call("GET", other, OPERATOR, null));
        assertRejected(404, "no subscriber +77272777889", call("DELETE", other + "/1", OPERATOR, null));
        assertEquals(400, call("GET", "/api/v1/subscribers/not-a-number/wakeups", OPERATOR, null).status());
    }

    @Test
    void aLineNotSubscribedToWakeUpCallsOrSuspendedCannotBookWith409() {
        Subscriber line = TestSubscribers.full(NUMBER);
        Services services = line.services();
        change(line.withServices(new Services(services.clip(), services.clir(), services.callWaiting(),
                services.forwarding(), services.barring(), false, services.callReturn(), services.threeWay(),
                services.mcid())));
        assertRejected(409, NUMBER + " is not subscribed to wake-up calls (services.wakeUp)",
                book("{\"time\": \"06:30\"}"));

        change(line.withStatus(LineStatus.SUSPENDED));
        assertRejected(409, NUMBER + " is suspended: it cannot book wake-up calls", book("{\"time\": \"06:30\"}"));

        assertEquals(List.of(), store.list(NUMBER));
    }

    @Test
    void theBookingsOfASuspendedLineCanStillBeSeenAndCancelled() {
        long id = json(book("{\"time\": \"06:30\"}")).get("id").longValue();
        change(TestSubscribers.full(NUMBER).withStatus(LineStatus.SUSPENDED));

        assertEquals(List.of("06:30"), times(json(call("GET", PATH, OPERATOR, null))));
        assertEquals(204, call("DELETE", PATH + "/" + id, OPERATOR, null).status());
    }

    @Test
    void deleteCancelsOneBookingWith204AndA404WhenTheLineHasNoSuchBooking() {
        long once = json(book("{\"time\": \"06:30\"}")).get("id").longValue();
        book("{\"time\": \"07:00\", \"daily\": true}");

        AdminResponse deleted = call("DELETE", PATH + "/" + once, OPERATOR, null);

        assertEquals(204, deleted.status());
        assertEquals(List.of("07:00"), times(json(call("GET", PATH, OPERATOR, null))));
        assertRejected(404, NUMBER + " has no wake-up booking " + once,
                call("DELETE", PATH + "/" + once, OPERATOR, null));
        assertRejected(400, "\"first\" is not a wake-up booking's id", call("DELETE", PATH + "/first", OPERATOR, null));
    }

    @Test
    void aBookingBeingCalledOrRetriedSaysSo() {
        book("{\"time\": \"06:30\"}");
        WakeUpBooking booking = store.find(NUMBER, false).orElseThrow();
        clock.advance(Duration.between(clock.instant(), booking.due()));
        store.claimDue(clock.instant(), "node-1", clock.instant().plusSeconds(90), 10);

        assertEquals("calling", json(call("GET", PATH, OPERATOR, null)).at("/wakeups/0/status").textValue());

        store.reschedule(booking.id(), "node-1", booking.due(), booking.due().plus(Duration.ofMinutes(5)), 1);
        JsonNode retrying = json(call("GET", PATH, TECHNICIAN, null)).at("/wakeups/0");
        assertEquals("retrying", retrying.get("status").textValue());
        assertEquals(1, retrying.get("attempts").intValue());
        assertEquals("2026-12-07T01:35:00Z", retrying.get("next").textValue());
    }

    @Test
    void theTechnicianLooksButOnlyTheOperatorBooksAndCancels() {
        long id = json(book("{\"time\": \"06:30\"}")).get("id").longValue();

        assertEquals(200, call("GET", PATH, TECHNICIAN, null).status());
        assertEquals(403, call("POST", PATH, TECHNICIAN, "{\"time\": \"06:30\"}").status());
        assertEquals(403, call("DELETE", PATH + "/" + id, TECHNICIAN, null).status());
        assertEquals(1, store.list(NUMBER).size());
    }

    @Test
    void aDatabaseThatFailsIs503() {
        database.close();

        AdminResponse response = book("{\"time\": \"06:30\"}");

        assertRejected(503, "the subscriber database is not available; try again shortly", response);
        assertEquals(503, call("GET", PATH, OPERATOR, null).status());
    }

    private static List<String> times(JsonNode list) {
        List<String> times = new ArrayList<>();
        list.get("wakeups").forEach(booking -> times.add(booking.get("time").textValue()));
        return times;
    }
}
