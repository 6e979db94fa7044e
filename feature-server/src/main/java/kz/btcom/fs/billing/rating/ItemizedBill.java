package kz.btcom.fs.billing.rating;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.numbering.NumberClass;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One subscriber's itemized bill for one month (PRODUCT.md "Billing"): every answered long-distance (national,
 * mobile) and international call charged to the subscriber, by start time, with the totals of those calls. Local
 * calls are listed too when the tariffs say so ({@code local.itemized}); information calls, free calls and calls
 * never answered are not (they cost nothing or appear on the monthly invoice). Then the fees of the month's uses of
 * features charged per use (a delivered wake-up call, a malicious call recorded: the fee records), those that
 * cost something; the totals are those of the calls and fees listed.
 *
 * @param subscriber the charged party, E.164
 * @param zone       the time zone of the month and of the printed dates and times
 * @param classes    the classes of call listed
 * @param lines      by start time
 * @param fees       by time of use
 * @param net        the sum of the lines' and fees' costs, net of VAT
 * @param vat        the sum of the lines' and fees' VAT (each rounded when rated)
 */
public record ItemizedBill(String subscriber, YearMonth month, ZoneId zone, Set<NumberClass> classes,
                           String currency, List<BillLine> lines, List<FeeLine> fees, BigDecimal net,
                           BigDecimal vat) {

    /** The long-distance (national, mobile) and international calls. */
    public static final Set<NumberClass> LONG_DISTANCE_AND_INTERNATIONAL =
            Set.copyOf(EnumSet.of(NumberClass.NATIONAL, NumberClass.MOBILE, NumberClass.INTERNATIONAL));

    public ItemizedBill {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
        classes = Set.copyOf(classes);
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        fees = List.copyOf(fees);
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vat, "vat");
    }

    /** The bill the tariffs ask for: their time zone, their currency, local calls when they are itemized. */
    public static ItemizedBill of(String subscriber, YearMonth month, Tariffs tariffs,
                                  Collection<CallRecord> records) {
        EnumSet<NumberClass> classes = EnumSet.copyOf(LONG_DISTANCE_AND_INTERNATIONAL);
        if (tariffs.local().itemized()) {
            classes.add(NumberClass.LOCAL);
        }
        return of(subscriber, month, tariffs.billTimeZone(), classes, tariffs.currency(), records);
    }

    /**
     * The bill from any records: the calls charged to {@code subscriber}, answered, of one of {@code classes} and
     * started within {@code month} in {@code zone}; the fees charged to {@code subscriber} within {@code month}
     * that cost something.
     *
     * @throws IllegalArgumentException when a record of the bill is in another currency
     */
    public static ItemizedBill of(String subscriber, YearMonth month, ZoneId zone, Set<NumberClass> classes,
                                  String currency, Collection<CallRecord> records) {
        List<CallRecord> billed = records.stream()
                .filter(r -> !r.isFee())
                .filter(r -> r.chargedParty().equals(subscriber))
                .filter(CallRecord::isAnswered)
                .filter(r -> r.numberClass() != null && classes.contains(r.numberClass()))
                .filter(r -> YearMonth.from(r.start().atZone(zone)).equals(month))
                .sorted(Comparator.comparing(CallRecord::start).thenComparing(CallRecord::answer)
                        .thenComparing(CallRecord::called).thenComparing(CallRecord::callId))
                .toList();
        BigDecimal net = Money.ZERO;
        BigDecimal vat = Money.ZERO;
        List<BillLine> lines = new ArrayList<>(billed.size());
        for (CallRecord r : billed) {
            requireCurrency(r, currency);
            ZonedDateTime start = r.start().atZone(zone);
            lines.add(new BillLine(r.called(), start.toLocalDateTime(), Duration.between(r.answer(), r.end()),
                    r.billedSeconds(), r.tariff(), r.cost(), r.vat()));
            net = net.add(r.cost());
            vat = vat.add(r.vat());
        }
        List<CallRecord> charged = records.stream()
                .filter(CallRecord::isFee)
                .filter(r -> r.chargedParty().equals(subscriber))
                .filter(r -> r.cost().add(r.vat()).signum() > 0)
                .filter(r -> YearMonth.from(r.start().atZone(zone)).equals(month))
                .sorted(Comparator.comparing(CallRecord::start).thenComparing(CallRecord::feature)
                        .thenComparing(CallRecord::callId))
                .toList();
        List<FeeLine> fees = new ArrayList<>(charged.size());
        for (CallRecord r : charged) {
            requireCurrency(r, currency);
            fees.add(new FeeLine(r.feature(), r.start().atZone(zone).toLocalDateTime(), r.tariff(), r.cost(),
                    r.vat()));
            net = net.add(r.cost());
            vat = vat.add(r.vat());
        }
        return new ItemizedBill(subscriber, month, zone, classes, currency, lines, fees, Money.round(net),
                Money.round(vat));
    }

    private static void requireCurrency(CallRecord r, String currency) {
        if (!r.currency().equals(currency)) {
            String what = r.isFee() ? "fee " + r.feature() + " of call " + r.callId()
                    : "call " + r.callId() + " to " + r.called();
            throw new IllegalArgumentException(what + " is in " + r.currency() + ", the bill in " + currency);
        }
    }

    /** What the subscriber pays for the calls listed. */
    public BigDecimal total() {
        return net.add(vat);
    }
}
