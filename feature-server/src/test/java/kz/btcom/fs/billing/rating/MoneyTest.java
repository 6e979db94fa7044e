package kz.btcom.fs.billing.rating;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Money is exact decimal, tenge and tiyn; VAT rounds half up to the tiyn. */
class MoneyTest {

    @Test
    void aVatInclusivePaymentOf1200At13PercentIs1061_95NetAnd138_05Vat() {
        VatSplit split = VatRate.percent("13").splitGross(new BigDecimal("1200"));
        assertEquals(new BigDecimal("1061.95"), split.net());
        assertEquals(new BigDecimal("138.05"), split.vat());
        assertEquals(new BigDecimal("1200.00"), split.gross());
    }

    @Test
    void theProductExampleHoldsWithTheRateSetTo13PercentInTheTariffFile() {
        Tariffs tariffs = TestTariffs.parse(
                TestTariffs.shippedText().replace("vatPercent: \"12\"", "vatPercent: \"13\""), "tariffs.yaml");
        VatSplit split = tariffs.vat().splitGross(Money.of("1200"));
        assertEquals(List.of(Money.of("1061.95"), Money.of("138.05")), List.of(split.net(), split.vat()));
    }

    @ParameterizedTest(name = "{0} net at {1} % -> {2} VAT, {3} gross")
    @CsvSource({
        "100.00, 12, 12.00, 112.00",
        "1061.95, 13, 138.05, 1200.00",
        "0.50, 13, 0.07, 0.57",      // 0.065: half up, not half even (0.06)
        "0.04, 12, 0.00, 0.04",      // 0.0048
        "0.05, 12, 0.01, 0.06",      // 0.006
        "24.50, 12, 2.94, 27.44",
        "211.35, 12, 25.36, 236.71", // 25.362
        "10.00, 0, 0.00, 10.00",
        "10.00, 12.5, 1.25, 11.25",
    })
    void vatOnANetAmountIsRoundedHalfUpToTheTiyn(String net, String percent, String vat, String gross) {
        VatSplit split = VatRate.percent(percent).addTo(new BigDecimal(net));
        assertEquals(new BigDecimal(vat), split.vat());
        assertEquals(new BigDecimal(gross), split.gross());
    }

    @ParameterizedTest(name = "{0} gross at {1} % -> {2} net + {3} VAT")
    @CsvSource({
        "1200, 13, 1061.95, 138.05",
        "1120.00, 12, 1000.00, 120.00",
        "0.01, 12, 0.01, 0.00",
        "1.00, 12, 0.89, 0.11",      // 0.892857...
        "100, 0, 100.00, 0.00",
    })
    void aGrossAmountSplitsIntoNetAndVatThatAddUpExactly(String gross, String percent, String net, String vat) {
        VatSplit split = VatRate.percent(percent).splitGross(new BigDecimal(gross));
        assertEquals(new BigDecimal(net), split.net());
        assertEquals(new BigDecimal(vat), split.vat());
        assertEquals(new BigDecimal(gross).setScale(2), split.gross());
    }

    @Test
    void amountsAreReadExactlyAtScale2() {
        assertEquals("2.50", Money.of("2.5").toPlainString());
        assertEquals("1200.00", Money.of("1200").toPlainString());
        assertEquals("0.10", Money.of("0.1").toPlainString());
        assertEquals("3.10", Money.of("3.1000").toPlainString());
        assertThrows(IllegalArgumentException.class, () -> Money.of("0.125"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("12,50"));
    }

    @Test
    void aVatRateOutside0To100PercentIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VatRate.percent("-1"));
        assertThrows(IllegalArgumentException.class, () -> VatRate.percent("100.01"));
    }

    /** The code alone: "double quotes" in a comment is no floating point. */
    private static String withoutComments(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
    }

    @Test
    void noFloatingPointAnywhereInTheRatingCode() throws IOException {
        Pattern floating = Pattern.compile("\\b(double|float|Double|Float)\\b|doubleValue|floatValue");
        Path sources = Path.of("src/main/java/kz/btcom/fs/billing/rating");
        try (Stream<Path> files = Files.list(sources)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> {
                        try {
                            return floating.matcher(withoutComments(Files.readString(f))).find();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(f -> f.getFileName().toString())
                    .sorted()
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }
}
