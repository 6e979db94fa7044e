package kz.btcom.fs.admin.calls;

import kz.btcom.fs.access.Principal;
import kz.btcom.fs.access.Role;
import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code GET /bill?number=&month=}: the itemized bill's CSV from the rated records, as the bill command makes it. */
class ItemizedBillEndpointTest {

    private static final String SUBSCRIBER = "+77272777888";
    private static final Principal OPERATOR = new Principal("0123abcd", Role.OPERATOR);

    private final List<Instant[]> asked = new ArrayList<>();
    private final List<CallRecord> records = new ArrayList<>();
    private final ItemizedBillEndpoint endpoint = new ItemizedBillEndpoint((number, from, to) -> {
        asked.add(new Instant[] {from, to});
        return records.stream().filter(r -> r.chargedParty().equals(number)).toList();
    }, NumberingPlan.builtIn(), Tariffs.builtIn());

    private static CallRecord answered(String callId, String called, NumberClass numberClass, String start,
                                       long seconds, String tariff, String cost, String vat) {
        Instant begin = Instant.parse(start);
        return new CallRecord(callId, SUBSCRIBER, SUBSCRIBER, called, numberClass, begin, begin.plusSeconds(5),
                begin.plusSeconds(5 + seconds), seconds, tariff, new BigDecimal(cost), new BigDecimal(vat), "KZT",
                "icid-" + callId);
    }

    private AdminResponse bill(String... query) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < query.length; i += 2) {
            parameters.put(query[i], List.of(query[i + 1]));
        }
        return endpoint.bill(new AuthenticatedRequest(
                new AdminRequest("GET", "/api/v1/bill", parameters, Map.of(), new byte[0]), OPERATOR));
    }

    @Test
    void theBillIsTheCsvOfTheMonthsLongDistanceAndInternationalCallsWithTotals() {
        records.add(answered("c1@fs", "+77172555111", NumberClass.NATIONAL, "2026-11-25T08:00:00Z", 70,
                "national zone 2", "7.00", "0.84"));
        records.add(answered("c2@fs", "+493012345678", NumberClass.INTERNATIONAL, "2026-11-26T09:30:00Z", 120,
                "international Germany", "150.00", "18.00"));

        AdminResponse response = bill("number", "77272777888", "month", "2026-11");

        assertEquals(200, response.status());
        assertEquals("text/csv; charset=utf-8", response.contentType());
        assertEquals("attachment; filename=\"bill-77272777888-2026-11.csv\"",
                response.headers().get("Content-Disposition"));
        assertEquals("""
                kind,called,date,time,duration,billedSeconds,tariff,cost,vat,total,currency
                call,+77172555111,2026-11-25,13:00:00,01:10,70,national zone 2,7.00,0.84,7.84,KZT
                call,+493012345678,2026-11-26,14:30:00,02:00,120,international Germany,150.00,18.00,168.00,KZT
                total,,,,,,,157.00,18.84,175.84,KZT
                """, response.bodyText(), "dates and times in Almaty, UTC+5");
    }

    @Test
    void theMonthsFeesThatCostSomethingFollowTheCallsWithTheirVat() {
        records.add(answered("c1@fs", "+77172555111", NumberClass.NATIONAL, "2026-11-25T08:00:00Z", 70,
                "national zone 2", "7.00", "0.84"));
        records.add(CallRecord.fee("wake@fs", SUBSCRIBER, "wakeUpCall", Instant.parse("2026-11-26T01:00:00Z"),
                new BigDecimal("20.00"), new BigDecimal("2.40"), "KZT", "icid-wake"));
        records.add(CallRecord.fee("code@fs", SUBSCRIBER, "featureCode", Instant.parse("2026-11-26T02:00:00Z"),
                new BigDecimal("0.00"), new BigDecimal("0.00"), "KZT", null));

        assertEquals("""
                kind,called,date,time,duration,billedSeconds,tariff,cost,vat,total,currency
                call,+77172555111,2026-11-25,13:00:00,01:10,70,national zone 2,7.00,0.84,7.84,KZT
                fee,,2026-11-26,06:00:00,,,fee wakeUpCall,20.00,2.40,22.40,KZT
                total,,,,,,,27.00,3.24,30.24,KZT
                """, bill("number", "77272777888", "month", "2026-11").bodyText(),
                "the free feature code is not billed");
    }

    @Test
    void theMonthIsAlmatysMonthNotUtcs() {
        records.add(answered("late@fs", "+77172555111", NumberClass.NATIONAL, "2026-11-30T20:00:00Z", 10,
                "national zone 2", "1.00", "0.12"));

        AdminResponse november = bill("number", "+77272777888", "month", "2026-11");

        assertEquals(Instant.parse("2026-10-31T19:00:00Z"), asked.get(0)[0]);
        assertEquals(Instant.parse("2026-11-30T19:00:00Z"), asked.get(0)[1]);
        assertEquals(2, november.bodyText().lines().count(), "only the header and the totals: "
                + "01:00 on 1 December in Almaty is December's");
    }

    @Test
    void aMonthWithNoCallsIsABillOfTotalsZero() {
        assertEquals("""
                kind,called,date,time,duration,billedSeconds,tariff,cost,vat,total,currency
                total,,,,,,,0.00,0.00,0.00,KZT
                """, bill("number", "77272777888", "month", "2026-02").bodyText());
    }

    @Test
    void aBadOrMissingNumberOrMonthIs400NamingIt() {
        assertEquals("number: required, E.164 with or without +", rejection("month", "2026-11"));
        assertEquals("month: required, such as 2026-11", rejection("number", "77272777888"));
        assertEquals("number: \"alice\" is not a telephone number; write it in E.164, with or without +",
                rejection("number", "alice", "month", "2026-11"));
        assertEquals("month: \"2026-13\" is not a month such as 2026-11",
                rejection("number", "77272777888", "month", "2026-13"));
        assertEquals("month: \"November\" is not a month such as 2026-11",
                rejection("number", "77272777888", "month", "November"));
        assertEquals("unknown query parameter \"format\"; this call takes number and month",
                rejection("number", "77272777888", "month", "2026-11", "format", "pdf"));
    }

    private String rejection(String... query) {
        RequestRejected rejected = assertThrows(RequestRejected.class, () -> bill(query));
        assertEquals(400, rejected.status());
        return rejected.getMessage();
    }
}
