package kz.btcom.fs.service.barring;

import kz.btcom.fs.numbering.NumberClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which classes each barring level bars (the CIS code-34 norm of PRODUCT.md), and what a suspended line may call. */
class OutgoingBarringTest {

    @ParameterizedTest(name = "level {0} bars {1}: {2}")
    @CsvSource({
            "0, INTERNATIONAL, false", "0, LOCAL, false",
            "1, INTERNATIONAL, true", "1, NATIONAL, false", "1, MOBILE, false", "1, INFORMATION, false",
            "1, LOCAL, false",
            "2, INTERNATIONAL, true", "2, NATIONAL, true", "2, MOBILE, true", "2, INFORMATION, false",
            "2, LOCAL, false",
            "3, INTERNATIONAL, true", "3, NATIONAL, true", "3, INFORMATION, true", "3, LOCAL, false",
            "4, INTERNATIONAL, true", "4, NATIONAL, true", "4, INFORMATION, true", "4, LOCAL, true",
            "4, EMERGENCY, false", "4, SERVICE, false", "3, EMERGENCY, false", "1, SERVICE, false"})
    void levels(int level, NumberClass called, boolean barred) {
        assertEquals(barred, BarringPolicy.bars(level, called));
    }

    @ParameterizedTest(name = "a suspended line may call {0}: {1}")
    @CsvSource({"EMERGENCY, true", "SERVICE, true", "LOCAL, false", "NATIONAL, false", "MOBILE, false",
            "INTERNATIONAL, false", "INFORMATION, false"})
    void suspension(NumberClass called, boolean allowed) {
        assertEquals(allowed, BarringPolicy.allowedWhenSuspended(called));
    }
}
