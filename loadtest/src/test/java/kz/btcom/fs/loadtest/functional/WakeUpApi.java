package kz.btcom.fs.loadtest.functional;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** A line's wake-up bookings over the operator API, as a provisioning system books and reads them. */
final class WakeUpApi {

    /** wakeUp.zone's default: the subscribers' clocks. */
    static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final AdminClient operator;

    WakeUpApi(AdminClient operator) {
        this.operator = operator;
    }

    /**
     * Books the line (E.164 digits without '+') at the Almaty time of {@code minute}, once or daily; asserts 201 and
     * that the booking is due at that instant (the minute is the time's next occurrence).
     */
    JsonNode book(String line, Instant minute, boolean daily) throws Exception {
        String time = LocalTime.ofInstant(minute, ALMATY).format(HH_MM);
        AdminClient.Reply booked = operator.post(path(line), "{\"time\": \"" + time + "\", \"daily\": " + daily + "}");
        assertEquals(201, booked.status(), booked.body().toString());
        assertEquals(minute, next(booked.body()), booked.body().toString());
        return booked.body();
    }

    /** GET .../wakeups: the line's bookings. */
    List<JsonNode> bookings(String line) throws Exception {
        AdminClient.Reply reply = operator.get(path(line));
        assertEquals(200, reply.status(), reply.body().toString());
        List<JsonNode> bookings = new ArrayList<>();
        reply.body().path("wakeups").forEach(bookings::add);
        return bookings;
    }

    /**
     * Waits until the line's bookings are as {@code expected} says (the dialer moves a booking on just after it
     * journals the attempt), and returns them; fails with what GET shows when they are not so within the time.
     */
    List<JsonNode> awaitBookings(String line, Predicate<List<JsonNode>> expected, String what, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<JsonNode> bookings = bookings(line);
            if (expected.test(bookings)) {
                return bookings;
            }
            if (System.nanoTime() > deadline) {
                fail("the bookings of +" + line + " were expected to be " + what + " within " + within + ": "
                        + bookings);
            }
            Thread.sleep(100);
        }
    }

    /** Waits until the line has no booking any more. */
    void awaitNoBooking(String line, Duration within) throws Exception {
        awaitBookings(line, List::isEmpty, "gone", within);
    }

    /** Waits until the line's one booking has {@code status} (scheduled, retrying) after {@code attempts}. */
    JsonNode awaitOnlyBooking(String line, String status, int attempts, Duration within) throws Exception {
        return awaitBookings(line, b -> b.size() == 1 && b.get(0).path("status").asText().equals(status)
                        && b.get(0).path("attempts").asInt() == attempts,
                "one, " + status + " after " + attempts + " attempts", within).get(0);
    }

    static Instant next(JsonNode booking) {
        return Instant.parse(booking.path("next").asText());
    }

    private static String path(String line) {
        return "/api/v1/subscribers/+" + line + "/wakeups";
    }
}
