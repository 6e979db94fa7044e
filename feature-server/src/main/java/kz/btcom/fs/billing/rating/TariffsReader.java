package kz.btcom.fs.billing.rating;

import kz.btcom.fs.tables.ConfigException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The tariff file's schema: which keys exist, their types, ranges and how they must fit together. */
final class TariffsReader {

    private static final String[] KEYS = {"currency", "vatPercent", "billTimeZone", "local", "national", "mobile",
        "international", "information", "featureFees"};

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** The start of E.164 numbers: '+' and 1-15 digits. */
    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{1,15}");
    private static final Pattern FEE_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
    private static final Pattern ZONE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]*");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TariffsReader() {
    }

    static Tariffs read(String yamlText, String source) throws ConfigException {
        TariffYaml root = TariffYaml.document(yamlText, source, KEYS).mappingOf(KEYS);

        TariffYaml currencyNode = root.get("currency");
        String currency = currencyNode.text();
        if (!CURRENCY.matcher(currency).matches()) {
            throw currencyNode.problem("\"" + currency + "\" is not an ISO 4217 code such as \"KZT\"");
        }
        TariffYaml vatNode = root.get("vatPercent");
        BigDecimal vatPercent = vatNode.decimal();
        if (vatPercent.signum() < 0 || vatPercent.compareTo(HUNDRED) > 0) {
            throw vatNode.problem(vatPercent.toPlainString() + " is out of range 0-100");
        }
        ZoneId zone = zone(root.get("billTimeZone"));

        TariffYaml localNode = root.get("local").mappingOf("pricePerMinute", "itemized");
        LocalTariff local = new LocalTariff(
                new Tariff("local", BillingUnit.MINUTE, localNode.get("pricePerMinute").money()),
                localNode.get("itemized").bool());
        NationalZones national = national(root.get("national"));
        TariffYaml mobileNode = root.get("mobile").mappingOf("pricePer10Seconds");
        Tariff mobile = new Tariff("mobile", BillingUnit.TEN_SECONDS, mobileNode.get("pricePer10Seconds").money());
        InternationalTariffs international = international(root.get("international"));
        TariffYaml informationNode = root.get("information").mappingOf("pricePerMinute");
        Tariff information = new Tariff("information", BillingUnit.MINUTE,
                informationNode.get("pricePerMinute").money());
        List<FeatureFee> fees = new ArrayList<>();
        for (Map.Entry<String, TariffYaml> entry : root.get("featureFees").entries().entrySet()) {
            if (!FEE_NAME.matcher(entry.getKey()).matches()) {
                throw entry.getValue().problem("\"" + entry.getKey()
                        + "\" is not a lower-camel-case name such as \"wakeUpCall\"");
            }
            fees.add(new FeatureFee(entry.getKey(), entry.getValue().money()));
        }
        return new Tariffs(currency, new VatRate(vatPercent), zone, local, national, mobile, international,
                information, fees);
    }

    private static ZoneId zone(TariffYaml node) throws ConfigException {
        String text = node.text();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw node.problem("\"" + text + "\" is not a time zone such as \"Asia/Almaty\"");
        }
    }

    private static NationalZones national(TariffYaml node) throws ConfigException {
        node.mappingOf("zones", "otherZone");
        Map<String, Tariff> zones = new LinkedHashMap<>();
        List<NationalRoute> routes = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        List<TariffYaml> items = node.get("zones").items();
        if (items.isEmpty()) {
            throw node.get("zones").problem("[] needs at least one zone");
        }
        for (TariffYaml item : items) {
            item.mappingOf("name", "pricePer10Seconds", "routes");
            TariffYaml nameNode = item.get("name");
            String name = nameNode.text();
            if (!ZONE_NAME.matcher(name).matches()) {
                throw nameNode.problem("\"" + name + "\" is not a zone name such as \"1\" or \"neighbours\"");
            }
            if (zones.containsKey(name)) {
                throw nameNode.problem("zone \"" + name + "\" is defined twice");
            }
            Tariff zone = new Tariff("national zone " + name, BillingUnit.TEN_SECONDS,
                    item.get("pricePer10Seconds").money());
            zones.put(name, zone);
            for (TariffYaml routeNode : item.get("routes").items()) {
                routeNode.mappingOf("from", "to");
                String from = prefix(routeNode.get("from"));
                for (TariffYaml toNode : routeNode.get("to").items()) {
                    String to = prefix(toNode);
                    if (!pairs.add(from + ">" + to)) {
                        throw toNode.problem("the route from \"" + from + "\" to \"" + to + "\" is already in a zone");
                    }
                    routes.add(new NationalRoute(from, to, zone));
                }
            }
        }
        TariffYaml otherNode = node.get("otherZone");
        String other = otherNode.text();
        Tariff otherZone = zones.get(other);
        if (otherZone == null) {
            throw otherNode.problem("\"" + other + "\" is not one of the zones " + zones.keySet());
        }
        return new NationalZones(List.copyOf(zones.values()), routes, otherZone);
    }

    private static InternationalTariffs international(TariffYaml node) throws ConfigException {
        node.mappingOf("countries", "restOfWorld");
        List<CountryTariff> countries = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (TariffYaml item : node.get("countries").items()) {
            item.mappingOf("prefix", "name", "pricePerMinute");
            TariffYaml prefixNode = item.get("prefix");
            String prefix = prefix(prefixNode);
            if (!prefixes.add(prefix)) {
                throw prefixNode.problem("\"" + prefix + "\" is listed twice");
            }
            String country = item.get("name").text().strip();
            String code = prefix.substring(1);
            countries.add(new CountryTariff(prefix, country, new Tariff("international " + code + " " + country,
                    BillingUnit.MINUTE, item.get("pricePerMinute").money())));
        }
        TariffYaml restNode = node.get("restOfWorld").mappingOf("pricePerMinute");
        Tariff rest = new Tariff("international rest of world", BillingUnit.MINUTE,
                restNode.get("pricePerMinute").money());
        return new InternationalTariffs(countries, rest);
    }

    /** The start of E.164 numbers, in quotes: "+7727". */
    private static String prefix(TariffYaml node) throws ConfigException {
        String text = node.text();
        if (!PREFIX.matcher(text).matches()) {
            throw node.problem("\"" + text + "\" is not the start of E.164 numbers, such as \"+7727\"");
        }
        return text;
    }
}
