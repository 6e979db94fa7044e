package kz.btcom.fs.billing.rating;

import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config/tariffs.yaml: read exactly, and a bad file stops the start with one line: file, dotted key, problem. */
class TariffsFileTest {

    /** The shipped file with one piece of text replaced: every other key stays valid. */
    private static String shippedWith(String text, String replacement) {
        String shipped = TestTariffs.shippedText();
        assertTrue(shipped.contains(text), "the shipped file has " + text);
        return shipped.replace(text, replacement);
    }

    private static String error(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> Tariffs.parse(yaml, "tariffs.yaml"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theShippedFileParses() throws Exception {
        Tariffs tariffs = Tariffs.read(TestTariffs.SHIPPED_FILE);
        assertEquals("KZT", tariffs.currency());
        assertEquals(new BigDecimal("12"), tariffs.vat().percent());
        assertEquals(ZoneId.of("Asia/Almaty"), tariffs.billTimeZone());
        assertFalse(tariffs.local().itemized(), "PRODUCT.md: the itemized bill lists long-distance and international");
        assertEquals(List.of("national zone 1", "national zone 2"),
                tariffs.national().zones().stream().map(Tariff::name).toList());
        assertEquals(BillingUnit.TEN_SECONDS, tariffs.mobile().unit());
        assertEquals("international 49 Germany", tariffs.international().of("+49301234567").name());
        assertEquals("international 7 Russia", tariffs.international().of("+74951234567").name());
        assertEquals("international rest of world", tariffs.international().of("+61212345678").name());
        assertTrue(tariffs.featureFee("wakeUpCall").isPresent());
    }

    @Test
    void theBuiltInTariffsAreTheShippedFile() throws Exception {
        assertEquals(Tariffs.read(TestTariffs.SHIPPED_FILE), Tariffs.builtIn());
    }

    @Test
    void kazakhstanIsUtcPlus5InThisJdksTimeZoneData() {
        // Kazakhstan moved to UTC+5 on 2024-03-01 (tzdata 2024a); the golden bills assume it.
        assertEquals(java.time.ZoneOffset.ofHours(5),
                ZoneId.of("Asia/Almaty").getRules().getOffset(java.time.Instant.parse("2026-11-01T00:00:00Z")));
    }

    @Test
    void pricesQuotedOrPlainAreReadExactlyAtScale2() {
        Tariffs fixed = TestTariffs.FIXED;
        assertEquals("3.50", fixed.mobile().price().toPlainString(), "mobile is written unquoted: 3.50");
        assertEquals("70.45", fixed.international().of("+90212").price().toPlainString());
        Tariffs plain = TestTariffs.parse(shippedWith("pricePerMinute: \"25.00\"", "pricePerMinute: 0.1"),
                "tariffs.yaml");
        assertEquals(new BigDecimal("0.10"), plain.information().price());
    }

    @Test
    void nationalZonesDependOnWhereTheCallLeavesAndTheLongestPrefix() {
        NationalZones zones = TestTariffs.FIXED.national();
        assertEquals("national zone 1", zones.zoneOf("+77272777888", "+77282123456").name());
        assertEquals("national zone 2", zones.zoneOf("+77172554433", "+77282123456").name());
        assertEquals("national zone 1", zones.zoneOf("+77172554433", "+77212410000").name());
        assertEquals("national zone 2", zones.zoneOf("+77272777888", "+77212410000").name());
        assertEquals("national zone 2", zones.zoneOf("+77252123456", "+77262123456").name(),
                "a caller outside BTcom's areas (a forwarded leg's odd case) pays the other zone");
    }

    @Test
    void theLongestCountryPrefixWins() {
        InternationalTariffs international = TestTariffs.FIXED.international();
        assertEquals("international 1876 Jamaica", international.of("+18765551234").name());
        assertEquals("international 1 USA and Canada", international.of("+12125551234").name());
        assertEquals("international 998 Uzbekistan", international.of("+998711234567").name());
    }

    @Test
    void feeLookupIsByName() {
        assertEquals(Optional.of(new FeatureFee("wakeUpCall", new BigDecimal("20.00"))),
                TestTariffs.FIXED.featureFee("wakeUpCall"));
        assertEquals(Optional.empty(), TestTariffs.FIXED.featureFee("conference"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            vatPercent: "12"          | vatPercnt: "12"         | tariffs.yaml: vatPercnt: unknown key (expected one of: currency, vatPercent, billTimeZone, local, national, mobile, international, information, featureFees)
            vatPercent: "12"          | vatPercent: "112"       | tariffs.yaml: vatPercent: 112 is out of range 0-100
            vatPercent: "12"          | vatPercent: twelve      | tariffs.yaml: vatPercent: "twelve" is not a decimal such as "12.50"
            currency: "KZT"           | currency: "tenge"       | tariffs.yaml: currency: "tenge" is not an ISO 4217 code such as "KZT"
            billTimeZone: "Asia/Almaty" | billTimeZone: "Asia/Alma Ata" | tariffs.yaml: billTimeZone: "Asia/Alma Ata" is not a time zone such as "Asia/Almaty"
            pricePerMinute: "1.00"    | pricePerMinute: "1.005" | tariffs.yaml: local.pricePerMinute: 1.005 has fractions of a tiyn (more than 2 decimals)
            pricePerMinute: "1.00"    | pricePerMinute: "-1.00" | tariffs.yaml: local.pricePerMinute: -1.00 is negative
            itemized: false           | itemized: "no"          | tariffs.yaml: local.itemized: "no" is not true or false
            pricePer10Seconds: "3.00" | pricePer10Seconds: 3.005 | tariffs.yaml: national.zones[1].pricePer10Seconds: 3.005 has fractions of a tiyn (more than 2 decimals)
            pricePer10Seconds: "3.00" | pricePer10Secs: "3.00"  | tariffs.yaml: national.zones[1].pricePer10Secs: unknown key (expected one of: name, pricePer10Seconds, routes)
            otherZone: "2"            | otherZone: "3"          | tariffs.yaml: national.otherZone: "3" is not one of the zones [1, 2]
            name: "2"                 | name: "1"               | tariffs.yaml: national.zones[1].name: zone "1" is defined twice
            "+7726", "+7728"          | "+7726", "+7726"        | tariffs.yaml: national.zones[0].routes[0].to[1]: the route from "+7727" to "+7726" is already in a zone
            from: "+7727"             | from: +7727             | tariffs.yaml: national.zones[0].routes[0].from: 7727 is a number; write it in quotes ("+7727", "1")
            from: "+7727"             | from: "7727"            | tariffs.yaml: national.zones[0].routes[0].from: "7727" is not the start of E.164 numbers, such as "+7727"
            prefix: "+49",            | prefix: "+7",           | tariffs.yaml: international.countries[5].prefix: "+7" is listed twice
            pricePer10Seconds: "3.50" | pricePer10Seconds: ""   | tariffs.yaml: mobile.pricePer10Seconds: "" is not a decimal such as "12.50"
            wakeUpCall: "20.00"       | WakeUpCall: "20.00"     | tariffs.yaml: featureFees.WakeUpCall: "WakeUpCall" is not a lower-camel-case name such as "wakeUpCall"
            restOfWorld:              | restOfTheWorld:         | tariffs.yaml: international.restOfTheWorld: unknown key (expected one of: countries, restOfWorld)
            """)
    void aBadValueNamesTheFileTheDottedKeyAndTheProblem(String line, String replacement, String expected) {
        assertEquals(expected, error(shippedWith(line, replacement)));
    }

    @Test
    void aMissingKeyIsNamed() {
        assertEquals("tariffs.yaml: information: is missing",
                error(shippedWith("information:\n  # Price per started minute.\n  pricePerMinute: \"25.00\"\n", "")));
    }

    @Test
    void anEmptyFileNamesTheKeysItNeeds() {
        assertEquals("tariffs.yaml: is empty; it needs currency, vatPercent, billTimeZone, local, national, mobile,"
                + " international, information, featureFees", error("# nothing\n"));
    }

    @Test
    void aSyntaxErrorIsOneLineWithThePosition() {
        assertTrue(error("currency: \"KZT\"\n  vatPercent: [\n").startsWith("tariffs.yaml: line "));
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertTrue(error(TestTariffs.shippedText() + "\ncurrency: \"USD\"\n").contains("currency"));
    }
}
