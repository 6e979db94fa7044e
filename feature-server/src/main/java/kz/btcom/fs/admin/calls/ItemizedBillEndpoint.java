package kz.btcom.fs.admin.calls;

import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.QueryParameters;
import kz.btcom.fs.admin.RequestRejected;
import kz.btcom.fs.admin.auth.AuthenticatedRequest;
import kz.btcom.fs.billing.query.CallRecordSource;
import kz.btcom.fs.billing.rating.CsvBill;
import kz.btcom.fs.billing.rating.ItemizedBill;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.numbering.NumberingPlan;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code GET /bill?number=&month=YYYY-MM}: one subscriber's itemized bill of a month (PRODUCT.md "Billing") as the
 * CSV the {@code bill} command prints, from the same rated records as {@code GET /calls}. The month is the tariffs'
 * bill time zone's (Asia/Almaty), as on the bill itself.
 */
public final class ItemizedBillEndpoint {

    static final String CSV = "text/csv; charset=utf-8";
    private static final List<String> KNOWN = List.of("number", "month");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private final CallRecordSource records;
    private final NumberingPlan numbering;
    private final Tariffs tariffs;

    public ItemizedBillEndpoint(CallRecordSource records, NumberingPlan numbering, Tariffs tariffs) {
        this.records = Objects.requireNonNull(records, "records");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.tariffs = Objects.requireNonNull(tariffs, "tariffs");
    }

    public AdminResponse bill(AuthenticatedRequest request) {
        QueryParameters query = QueryParameters.of(request.http(), KNOWN);
        String number = query.number("number", numbering)
                .orElseThrow(() -> RequestRejected.badRequest("number: required, E.164 with or without +"));
        YearMonth month = month(query.text("month")
                .orElseThrow(() -> RequestRejected.badRequest("month: required, such as 2026-11")));
        Instant from = month.atDay(1).atStartOfDay(tariffs.billTimeZone()).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(tariffs.billTimeZone()).toInstant();
        ItemizedBill bill = ItemizedBill.of(number, month, tariffs, records.recordsOf(number, from, to));
        // Saved under a name that says whose and which month, like the bill command's output would be.
        String file = "bill-" + number.substring(1) + "-" + month + ".csv";
        return new AdminResponse(200, CSV, CsvBill.render(bill).getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""));
    }

    private static YearMonth month(String text) {
        try {
            if (MONTH.matcher(text).matches()) {
                return YearMonth.parse(text);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw RequestRejected.badRequest("month: \"" + text + "\" is not a month such as 2026-11");
    }
}
