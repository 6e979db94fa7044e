package kz.btcom.fs.numbering;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The class of a full E.164 number, for a caller in Almaty, in Astana, or of no known area ("none"). */
class NumberClassificationTest {

    @ParameterizedTest(name = "{0} from almaty {1}, from astana {2}, from none {3}")
    @CsvSource(delimiter = '|', textBlock = """
            +77272721122  | LOCAL         | NATIONAL      | NATIONAL
            +77172554433  | NATIONAL      | LOCAL         | NATIONAL
            +77212410000  | NATIONAL      | NATIONAL      | NATIONAL
            +76001234567  | NATIONAL      | NATIONAL      | NATIONAL
            +77011234567  | MOBILE        | MOBILE        | MOBILE
            +77472223344  | MOBILE        | MOBILE        | MOBILE
            +77761234567  | MOBILE        | MOBILE        | MOBILE
            +79161234567  | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +74951234567  | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +73831234567  | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +78001234567  | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +49301234567  | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +998711234567 | INTERNATIONAL | INTERNATIONAL | INTERNATIONAL
            +78091234567  | INFORMATION   | INFORMATION   | INFORMATION
            +77272777888  | SERVICE       | SERVICE       | SERVICE
            +77272777000  | SERVICE       | SERVICE       | SERVICE
            +77172688900  | SERVICE       | SERVICE       | SERVICE
            +77272777953  | SERVICE       | SERVICE       | SERVICE
            +77272777954  | LOCAL         | NATIONAL      | NATIONAL
            """)
    void eachFullNumberHasOneClassPerCallerArea(String e164, NumberClass fromAlmaty, NumberClass fromAstana,
                                                NumberClass fromNowhere) {
        NumberingPlan plan = Plans.SHIPPED;
        assertEquals(List.of(fromAlmaty, fromAstana, fromNowhere), List.of(
                plan.classify(e164, Plans.area("almaty")),
                plan.classify(e164, Plans.area("astana")),
                plan.classify(e164, Optional.empty())));
    }

    @ParameterizedTest
    @CsvSource({"2721122", "77272721122", "+", "+7727a", "''"})
    void classifyingWhatIsNotE164IsAProgrammingError(String notE164) {
        assertThrows(IllegalArgumentException.class, () -> Plans.SHIPPED.classify(notE164, Optional.empty()));
    }

    @ParameterizedTest
    @EnumSource(NumberClass.class)
    void eachClassHasALowerCaseJsonNameThatReadsBack(NumberClass numberClass) {
        assertEquals(numberClass.name().toLowerCase(java.util.Locale.ROOT), numberClass.jsonName());
        assertEquals(Optional.of(numberClass), NumberClass.ofJsonName(numberClass.jsonName()));
    }

    @Test
    void theJsonNamesAreThoseOfTheBillingRecords() {
        assertEquals(List.of("local", "national", "mobile", "international", "information", "emergency", "service"),
                java.util.Arrays.stream(NumberClass.values()).map(NumberClass::jsonName).toList());
        assertEquals(Optional.empty(), NumberClass.ofJsonName("LOCAL"));
    }
}
