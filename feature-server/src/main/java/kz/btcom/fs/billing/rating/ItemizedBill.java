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
 * never answered are not (they cost nothing or appear on the monthly invoice).
 *
 * @param subscriber the charged party, E.164
 * @param zone       the time zone of the month and of the printed dates and times
 * @param classes    the classes of call listed
 * @param lines      by start time
 * @param net        the sum of the lines' costs, net of VAT
 * @param vat        the sum of the lines' VAT (each rounded when rated)
 */
public record ItemizedBill(String subscriber, YearMonth month, ZoneId zone, Set<NumberClass> classes,
                           String currency, List<BillLine> lines, BigDecimal net, BigDecimal vat) {

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
     * The bill from any records: those charged to {@code subscriber}, answered, of one of {@code classes} and
     * started within {@code month} in {@code zone}.
     *
     * @throws IllegalArgumentException when a record of the bill is in another currency
     */
    public static ItemizedBill of(String subscriber, YearMonth month, ZoneId zone, Set<NumberClass> classes,
                                  String currency, Collection<CallRecord> records) {
        List<CallRecord> billed = records.stream()
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
            if (!r.currency().equals(currency)) {
                throw new IllegalArgumentException("call " + r.callId() + " to " + r.called() + " is in "
                        + r.currency() + ", the bill in " + currency);
            }
            ZonedDateTime start = r.start().atZone(zone);
            lines.add(new BillLine(r.called(), start.toLocalDateTime(), Duration.between(r.answer(), r.end()),
                    r.billedSeconds(), r.tariff(), r.cost(), r.vat()));
            net = net.add(r.cost());
            vat = vat.add(r.vat());
        }
        return new ItemizedBill(subscriber, month, zone, classes, currency, lines, Money.round(net),
                Money.round(vat));
    }

    /** What the subscriber pays for the calls listed. */
    public BigDecimal total() {
        return net.add(vat);
    }
}
