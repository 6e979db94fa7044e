package kz.btcom.fs.admin;

import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The query parameters of the GET endpoints: what is taken, and what each bad value is told. */
class QueryParametersTest {

    private static final List<String> KNOWN = List.of("victim", "from", "to");
    private final FakeClock clock = FakeClock.at("2026-11-25T08:00:00Z");

    private static QueryParameters query(Map<String, List<String>> query) {
        return QueryParameters.of(new AdminRequest("GET", "/x", query, Map.of(), new byte[0]), KNOWN);
    }

    private static String rejection(Runnable read) {
        return assertThrows(RequestRejected.class, read::run).getMessage();
    }

    @Test
    void anUnknownOrRepeatedParameterIsRefusedNamingWhatTheCallTakes() {
        assertEquals("unknown query parameter \"victm\"; this call takes victim, from and to",
                rejection(() -> query(Map.of("victm", List.of("1")))));
        assertEquals("from is given more than once", rejection(() -> query(Map.of("from", List.of("a", "b")))));
    }

    @Test
    void aNumberIsReadInAnyFullFormAndAPlusThatBecameASpaceIsAPlusAgain() {
        NumberingPlan plan = NumberingPlan.builtIn();

        assertEquals(Optional.of("+77272777888"),
                query(Map.of("victim", List.of(" 77272777888"))).number("victim", plan));
        assertEquals(Optional.of("+77272777888"),
                query(Map.of("victim", List.of("87272777888"))).number("victim", plan));
        assertEquals(Optional.empty(), query(Map.of("victim", List.of(""))).number("victim", plan));
        assertEquals("victim: \"abc\" is not a telephone number; write it in E.164, with or without +",
                rejection(() -> query(Map.of("victim", List.of("abc"))).number("victim", plan)));
    }

    @Test
    void theWindowDefaultsToAPeriodUpToNowAndFromMustComeFirst() {
        assertEquals(new QueryParameters.Window(Instant.parse("2026-10-26T08:00:00.000001Z"),
                        Instant.parse("2026-11-25T08:00:00.000001Z")),
                query(Map.of()).window(clock, Duration.ofDays(30)), "up to now, now included");
        assertEquals(new QueryParameters.Window(Instant.parse("2026-11-01T00:00:00Z"),
                        Instant.parse("2026-11-02T10:00:00+06:00")),
                query(Map.of("from", List.of("2026-11-01"), "to", List.of("2026-11-02T10:00:00 06:00")))
                        .window(clock, Duration.ofDays(30)));
        assertEquals("from: \"yesterday\" is not an ISO-8601 UTC time (2026-11-25T08:00:00Z) or date (2026-11-25)",
                rejection(() -> query(Map.of("from", List.of("yesterday"))).window(clock, Duration.ofDays(30))));
        assertEquals("from 2026-11-25T09:00:00Z is not before to 2026-11-25T08:00:00.000001Z",
                rejection(() -> query(Map.of("from", List.of("2026-11-25T09:00:00Z"))).window(clock,
                        Duration.ofDays(30))));
    }

    @Test
    void aWholeNumberIsCheckedAgainstItsRange() {
        QueryParameters limit = QueryParameters.of(new AdminRequest("GET", "/x", Map.of("limit", List.of("0")),
                Map.of(), new byte[0]), List.of("limit"));

        assertEquals("limit: 0 is out of range 1-1000", rejection(() -> limit.integer("limit", 1000, 1, 1000)));
        assertEquals(1000, query(Map.of()).integer("limit", 1000, 1, 1000));
    }
}
