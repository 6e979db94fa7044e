package kz.btcom.fs.admin;

import kz.btcom.fs.numbering.NumberingPlan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query of a GET as its endpoint reads it: only the parameters it knows, each at most once, and every bad
 * value a 400 naming the parameter. A parameter given empty ({@code ?victim=}) counts as left out.
 */
public final class QueryParameters {

    private final Map<String, List<String>> query;

    private QueryParameters(Map<String, List<String>> query) {
        this.query = query;
    }

    /**
     * @param known the parameters the call takes, in the order its message names them
     * @throws RequestRejected 400 for a parameter not known or given twice
     */
    public static QueryParameters of(AdminRequest request, List<String> known) {
        for (Map.Entry<String, List<String>> parameter : request.query().entrySet()) {
            if (!known.contains(parameter.getKey())) {
                throw RequestRejected.badRequest("unknown query parameter \"" + parameter.getKey()
                        + "\"; this call takes " + names(known));
            }
            if (parameter.getValue().size() > 1) {
                throw RequestRejected.badRequest(parameter.getKey() + " is given more than once");
            }
        }
        return new QueryParameters(request.query());
    }

    /** The value; empty when left out or empty. */
    public Optional<String> text(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /**
     * A full telephone number, to E.164. A '+' written as is in a query string arrives as a space (form
     * encoding), and is read as the '+' it was.
     */
    public Optional<String> number(String name, NumberingPlan numbering) {
        return text(name).map(given -> numbering.toE164(given.startsWith(" ") ? "+" + given.strip() : given)
                .orElseThrow(() -> RequestRejected.badRequest(name + ": \"" + given
                        + "\" is not a telephone number; write it in E.164, with or without +")));
    }

    /** An ISO-8601 instant ({@code 2026-11-25T08:00:00Z}) or a date (its UTC midnight). */
    public Optional<Instant> instant(String name) {
        return text(name).map(text -> {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text.replace(' ', '+'));
            } catch (DateTimeParseException e) {
                throw RequestRejected.badRequest(name + ": \"" + text
                        + "\" is not an ISO-8601 UTC time (2026-11-25T08:00:00Z) or date (2026-11-25)");
            }
        });
    }

    /** A whole number in {@code [min, max]}, {@code absent} when left out. */
    public int integer(String name, int absent, int min, int max) {
        return text(name).map(text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw RequestRejected.badRequest(name + ": \"" + text + "\" is not a whole number");
            }
            if (value < min || value > max) {
                throw RequestRejected.badRequest(name + ": " + value + " is out of range " + min + "-" + max);
            }
            return value;
        }).orElse(absent);
    }

    /**
     * {@code from} and {@code to}: {@code to} defaults to now, {@code from} to {@code period} before {@code to};
     * {@code from} must come first. A {@code to} left out takes in what happened at this very instant too (it is
     * one microsecond, the databases' resolution, after now): the last audit entry, a call that just started.
     */
    public Window window(Clock clock, Duration period) {
        Instant to = instant("to").orElseGet(() -> clock.instant().plus(1, ChronoUnit.MICROS));
        Instant from = instant("from").orElse(to.minus(period));
        if (!from.isBefore(to)) {
            throw RequestRejected.badRequest("from " + from + " is not before to " + to);
        }
        return new Window(from, to);
    }

    /** {@code [from, to)}. */
    public record Window(Instant from, Instant to) {
    }

    private static String names(List<String> known) {
        if (known.isEmpty()) {
            return "no parameters";
        }
        if (known.size() == 1) {
            return known.get(0);
        }
        return String.join(", ", known.subList(0, known.size() - 1)) + " and " + known.get(known.size() - 1);
    }
}
