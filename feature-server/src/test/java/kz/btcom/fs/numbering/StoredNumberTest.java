package kz.btcom.fs.numbering;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Numbers from the operator API and the stores (no area context), and the area of a subscriber's own number. */
class StoredNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +77272777888                          | +77272777888
            77272777888                           | +77272777888
            87272777888                           | +77272777888
            8 (727) 277-78-88                     | +77272777888
            tel:+7-727-277-7888                   | +77272777888
            sip:+77272777888@ims.btcom.kz;user=phone | +77272777888
            +7 7172 55 44 33                      | +77172554433
            8 10 49 30 1234567                    | +49301234567
            +49 30 1234567                        | +49301234567
            """)
    void aFullNumberInAnyFormIsE164(String anyForm, String e164) {
        assertEquals(Optional.of(e164), Plans.SHIPPED.toE164(anyForm));
    }

    @ParameterizedTest(name = "\"{0}\" has no E.164 form without an area")
    @CsvSource({"2777888", "554433", "112", "109", "''", "abc", "*21#", "7727277788", "+7727277788899",
        "49301234567"})
    void aLocalNumberOrShortCodeHasNoE164FormWithoutAnArea(String anyForm) {
        assertEquals(Optional.empty(), Plans.SHIPPED.toE164(anyForm));
    }

    @Test
    void aSubscribersOwnNumberTellsItsArea() {
        NumberingPlan plan = Plans.SHIPPED;
        assertEquals(Optional.of(new Area("almaty", "727", 7)), plan.areaOf("+77272777000"));
        assertEquals(Optional.of(new Area("astana", "7172", 6)), plan.areaOf("+77172554433"));
        assertEquals(List.of(new Area("almaty", "727", 7), new Area("astana", "7172", 6)), plan.areas());
    }

    @ParameterizedTest(name = "{0} is in no area BTcom serves")
    @CsvSource({"+77212410000", "+77011234567", "+74951234567", "+49301234567", "77272777000", "+7727277700",
        "''"})
    void numbersOutsideBtcomsAreasOrNotE164HaveNoArea(String number) {
        assertEquals(Optional.empty(), Plans.SHIPPED.areaOf(number));
    }
}
