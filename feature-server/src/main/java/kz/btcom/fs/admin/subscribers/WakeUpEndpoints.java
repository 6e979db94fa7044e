package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.JsonBody;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.wakeup.WakeUpBooking;
import kz.btcom.fs.service.wakeup.WakeUpBookings;
import kz.btcom.fs.service.wakeup.WakeUpBookings.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static kz.btcom.fs.admin.subscribers.JsonFields.quoted;

/**
 * {@code /subscribers/{number}/wakeups}: the operator books and cancels a line's wake-up calls, and the technicians
 * see them. A line that is not subscribed to wake-up calls, or is suspended, gets 409: the request is well formed and
 * allowed to the caller's role (403 is the token's business here), but the line's profile stands in its way; changing
 * the profile lifts it. Its bookings can still be seen and cancelled.
 */
public final class WakeUpEndpoints {

    /** The path parameter of {@code /subscribers/{number}/wakeups/{id}}. */
    public static final String ID = "id";
    /** A booking is a few dozen bytes. */
    static final int MAX_BODY_BYTES = 4 * 1024;

    static final String TIME = "time";
    static final String DAILY = "daily";
    static final String DATE = "date";

    private static final Logger log = LoggerFactory.getLogger(WakeUpEndpoints.class);
    private static final Set<String> BODY_TYPES = Set.of(JsonBody.JSON);
    private static final Pattern HH_MM = Pattern.compile("[0-9]{2}:[0-9]{2}");
    private static final Pattern YYYY_MM_DD = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    private final WakeUpBookings bookings;
    private final NumberingPlan numbering;

    public WakeUpEndpoints(WakeUpBookings bookings, NumberingPlan numbering) {
        this.bookings = Objects.requireNonNull(bookings, "bookings");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    /**
     * {@code POST /subscribers/{number}/wakeups} {@code {"time": "06:30", "daily": false}}, a once-booking with an
     * optional {@code "date": "2026-12-24"}: 201 with the booking, which replaces the line's booking of its kind.
     */
    public AdminResponse book(AuthenticatedRequest request) {
        String number = SubscriberEndpoints.number(request.http(), numbering);
        JsonNode body = JsonBody.parse(request.http(), MAX_BODY_BYTES, BODY_TYPES);
        if (!body.isObject()) {
            throw RequestRejected.badRequest("a wake-up booking is a JSON object, such as"
                    + " {\"time\": \"06:30\", \"daily\": false}");
        }
        ObjectNode unknown = ((ObjectNode) body).deepCopy();
        JsonFields fields = JsonFields.of((ObjectNode) body, unknown);
        LocalTime time = time(fields);
        boolean daily = fields.bool(DAILY);
        Optional<LocalDate> date = date(fields);
        if (!unknown.isEmpty()) {
            String field = unknown.fieldNames().next();
            throw RequestRejected.badRequest(field + ": not a field of a wake-up booking; it has "
                    + TIME + ", " + DAILY + " and " + DATE);
        }
        if (daily && date.isPresent()) {
            throw fields.invalid(DATE, "a daily booking has no date; it starts at the next " + MINUTE.format(time));
        }
        Answer<WakeUpBooking> answer = await(date.isPresent()
                ? bookings.bookOn(number, date.get(), time)
                : bookings.book(number, time, daily));
        WakeUpBooking booking = done(answer, number, () -> fields.invalid(DATE, date.orElseThrow() + " "
                + MINUTE.format(time) + " is over in " + bookings.calendar().zone()));
        log.info("wake-up booking {} for {} made by {}", booking.id(), number, request.principal());
        return AdminResponse.json(201, toJson(booking));
    }

    /** {@code GET /subscribers/{number}/wakeups}: 200 with the line's bookings, once-booking first. */
    public AdminResponse list(AuthenticatedRequest request) {
        String number = SubscriberEndpoints.number(request.http(), numbering);
        List<WakeUpBooking> found = done(await(bookings.list(number)), number, null);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("number", number);
        ArrayNode wakeUps = body.putArray("wakeups");
        found.forEach(booking -> wakeUps.add(toJson(booking)));
        return AdminResponse.json(200, body);
    }

    /** {@code DELETE /subscribers/{number}/wakeups/{id}}: 204, or 404 when the line has no such booking. */
    public AdminResponse cancel(AuthenticatedRequest request) {
        String number = SubscriberEndpoints.number(request.http(), numbering);
        long id = id(request.http().pathParameter(ID));
        if (!done(await(bookings.cancel(number, id)), number, null)) {
            throw RequestRejected.notFound(number + " has no wake-up booking " + id);
        }
        log.info("wake-up booking {} of {} cancelled by {}", id, number, request.principal());
        return AdminResponse.noContent();
    }

    /** A booking as the API shows it. */
    static ObjectNode toJson(WakeUpBooking booking) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", booking.id());
        json.put("number", booking.number());
        json.put(TIME, MINUTE.format(booking.time()));
        json.put(DAILY, booking.daily());
        json.put("next", booking.nextAttempt().toString());
        json.put("attempts", booking.attempts());
        json.put("status", booking.status().apiName());
        return json;
    }

    private static LocalTime time(JsonFields fields) {
        String text = fields.text(TIME, "a time of day, \"HH:MM\"").orElseThrow(() -> fields.invalid(TIME,
                "missing; a booking needs its time of day, \"HH:MM\""));
        if (HH_MM.matcher(text).matches()) {
            int hours = Integer.parseInt(text.substring(0, 2));
            int minutes = Integer.parseInt(text.substring(3));
            if (hours <= 23 && minutes <= 59) {
                return LocalTime.of(hours, minutes);
            }
        }
        throw fields.invalid(TIME, quoted(text) + " is not HH:MM");
    }

    private static Optional<LocalDate> date(JsonFields fields) {
        return fields.text(DATE, "a day, \"YYYY-MM-DD\"").map(text -> {
            if (YYYY_MM_DD.matcher(text).matches()) {
                try {
                    return LocalDate.parse(text);
                } catch (DateTimeException e) {
                    // 2026-02-30: the shape is right, the day is not.
                }
            }
            throw fields.invalid(DATE, quoted(text) + " is not a day, YYYY-MM-DD");
        });
    }

    private static long id(String given) {
        try {
            long id = Long.parseLong(given);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw RequestRejected.badRequest(quoted(given) + " is not a wake-up booking's id");
    }

    /** The answer's result, or the rejection its refusal is. */
    private <T> T done(Answer<T> answer, String number, Supplier<RequestRejected> past) {
        if (answer instanceof Answer.Done<T> done) {
            return done.result();
        }
        WakeUpBookings.Refusal refusal = ((Answer.Refused<T>) answer).refusal();
        throw switch (refusal) {
            case NO_SUCH_SUBSCRIBER -> SubscriberEndpoints.noSuchSubscriber(number);
            case NOT_SUBSCRIBED -> new RequestRejected(409, number
                    + " is not subscribed to wake-up calls (services.wakeUp)");
            case SUSPENDED -> new RequestRejected(409, number + " is suspended: it cannot book wake-up calls");
            case IN_THE_PAST -> past.get();
        };
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
