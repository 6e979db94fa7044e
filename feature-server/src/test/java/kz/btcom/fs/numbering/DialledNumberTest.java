package kz.btcom.fs.numbering;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PRODUCT.md "Numbering": what a subscriber in Almaty (727, 7-digit local numbers) or Astana (7172, 6-digit) dials,
 * as E.164 (or a short code) and a class. "none" is a caller whose area is not known.
 */
class DialledNumberTest {

    private static void check(String caller, String dialled, String value, NumberClass expected) {
        Optional<ClassifiedNumber> number = Plans.SHIPPED.normalise(dialled, Plans.area(caller));
        assertEquals(Optional.of(new ClassifiedNumber(value, expected)), number, caller + " dials " + dialled);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 2721122         | +77272721122
            almaty | 272-11-22       | +77272721122
            almaty | 272 11 22       | +77272721122
            almaty | 3 95 00 00      | +77273950000
            astana | 554433          | +77172554433
            astana | 55-44-33        | +77172554433
            astana | 55.44.33        | +77172554433
            """)
    void aLocalNumberIsInTheCallersOwnArea(String caller, String dialled, String e164) {
        check(caller, dialled, e164, NumberClass.LOCAL);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 8 7172 55 44 33   | +77172554433 | NATIONAL
            almaty | 8 (7172) 55-44-33 | +77172554433 | NATIONAL
            astana | 8 727 272 11 22   | +77272721122 | NATIONAL
            almaty | 8 7212 41 00 00   | +77212410000 | NATIONAL
            astana | 8 7252 53 00 00   | +77252530000 | NATIONAL
            none   | 87172554433       | +77172554433 | NATIONAL
            almaty | 8 727 272 11 22   | +77272721122 | LOCAL
            astana | 8 7172 55 44 33   | +77172554433 | LOCAL
            almaty | +7 7172 55 44 33  | +77172554433 | NATIONAL
            astana | +7 727 272 11 22  | +77272721122 | NATIONAL
            almaty | 77172554433       | +77172554433 | NATIONAL
            """)
    void eightAndAnAreaCodeIsNationalOrLocalWhenItIsTheCallersArea(String caller, String dialled, String e164,
                                                                   NumberClass expected) {
        check(caller, dialled, e164, expected);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 8 701 123 45 67   | +77011234567
            astana | 8 (705) 123-45-67 | +77051234567
            almaty | 8 700 555 00 11   | +77005550011
            almaty | 8 709 555 00 11   | +77095550011
            astana | 8 747 222 33 44   | +77472223344
            almaty | 8 771 222 33 44   | +77712223344
            astana | 8 775 222 33 44   | +77752223344
            almaty | +7 777 123 45 67  | +77771234567
            astana | +7 (778) 123 4567 | +77781234567
            none   | 77011234567       | +77011234567
            """)
    void kazakhMobileRangesAreMobileFromEveryArea(String caller, String dialled, String e164) {
        check(caller, dialled, e164, NumberClass.MOBILE);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 8 10 49 30 1234567      | +49301234567
            astana | 810 44 20 7946 0000     | +442079460000
            almaty | 8 10 86 10 1234 5678    | +861012345678
            almaty | +49 30 1234567          | +49301234567
            astana | +1 (212) 555-0100       | +12125550100
            almaty | 8 10 998 71 123 45 67   | +998711234567
            almaty | +7 916 123 45 67        | +79161234567
            astana | 8 10 7 916 123 45 67    | +79161234567
            almaty | 8 916 123 45 67         | +79161234567
            almaty | +7 495 123 45 67        | +74951234567
            astana | 8 (495) 123-45-67       | +74951234567
            almaty | +7 383 123 45 67        | +73831234567
            none   | 79161234567             | +79161234567
            """)
    void otherCountriesAndRussiaInTheSharedPlus7AreInternational(String caller, String dialled, String e164) {
        check(caller, dialled, e164, NumberClass.INTERNATIONAL);
    }

    @ParameterizedTest(name = "{0} dials {1}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 101
            astana | 102
            almaty | 103
            astana | 104
            almaty | 112
            astana | 112
            none   | 112
            """)
    void emergencyCodesAreShortCodesFromAnyArea(String caller, String dialled) {
        check(caller, dialled, dialled, NumberClass.EMERGENCY);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 2777888          | +77272777888
            astana | 2777-888         | +77272777888
            none   | 2777888          | +77272777888
            almaty | 2777-000         | +77272777000
            almaty | 688-900          | +77172688900
            astana | 688900           | +77172688900
            astana | 2777-953         | +77272777953
            astana | 8 727 2777 000   | +77272777000
            almaty | 8 7172 688 900    | +77172688900
            almaty | +7 727 2777 953   | +77272777953
            astana | 77272777888      | +77272777888
            """)
    void operatorServiceNumbersAreRecognisedDialledFromAnyAreaAndInFullForm(String caller, String dialled,
                                                                             String e164) {
        check(caller, dialled, e164, NumberClass.SERVICE);
    }

    @ParameterizedTest(name = "{0} dials {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | 109              | 109
            astana | 109              | 109
            almaty | 1090             | 1090
            astana | 169              | 169
            none   | 118              | 118
            almaty | 8 809 123 45 67  | +78091234567
            astana | +7 809 505 00 00 | +78095050000
            """)
    void otherOneXxShortCodesAndPremiumRangesAreInformation(String caller, String dialled, String value) {
        check(caller, dialled, value, NumberClass.INFORMATION);
    }

    @ParameterizedTest(name = "{0} sends {1}: {2} {3}")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | tel:+7-727-272-11-22                           | +77272721122 | LOCAL
            astana | tel:+7-727-272-11-22                           | +77272721122 | NATIONAL
            almaty | tel:+77011234567;npdi                          | +77011234567 | MOBILE
            almaty | TEL:2721122;phone-context=+7727                | +77272721122 | LOCAL
            almaty | sip:+77172554433@ims.btcom.kz;user=phone       | +77172554433 | NATIONAL
            astana | sip:554433@10.0.0.1;user=phone                 | +77172554433 | LOCAL
            almaty | sips:+49301234567@ims.btcom.kz                 | +49301234567 | INTERNATIONAL
            almaty | sip:%2B77011234567@ims.btcom.kz;user=phone     | +77011234567 | MOBILE
            almaty | sip:+77272721122;npdi@ims.btcom.kz;user=phone  | +77272721122 | LOCAL
            astana | sip:112@ims.btcom.kz;user=phone                | 112          | EMERGENCY
            astana | tel:2777888                                    | +77272777888 | SERVICE
            """)
    void telAndSipUrisAreReadFromTheirNumberOrUserPart(String caller, String uri, String value,
                                                       NumberClass expected) {
        check(caller, uri, value, expected);
    }

    @ParameterizedTest(name = "{0} dials \"{1}\": not a number")
    @CsvSource(delimiter = '|', textBlock = """
            almaty | ''
            almaty | '   '
            almaty | abc
            almaty | 27211a2
            almaty | *21#
            almaty | #43#
            almaty | *21*2721122#
            almaty | sip:*21*2721122%23@ims.btcom.kz
            almaty | sip:%23%2343%23@ims.btcom.kz
            almaty | sip:alice@example.com
            almaty | sip:ims.btcom.kz
            almaty | tel:
            almaty | sip:27%2@ims.btcom.kz
            none   | 2721122
            astana | 2721122
            almaty | 554433
            almaty | 12
            almaty | 12345
            almaty | 1272112
            almaty | 0721122
            almaty | 8721122
            almaty | 8 727 272 11 2
            almaty | 8 727 272 11 222
            almaty | +7 727 272 11 222
            almaty | +7 727 272 11 2
            almaty | 7727272112
            almaty | +49 30
            almaty | 8 10 49
            almaty | 8 10
            almaty | +
            almaty | ++77272721122
            almaty | 272+1122
            almaty | +0 123 456 789
            almaty | +1234567890123456
            almaty | 8 10 1234567890123456
            almaty | 272_11_22
            """)
    void whatIsNotANumberIsEmpty(String caller, String dialled) {
        assertEquals(Optional.empty(), Plans.SHIPPED.normalise(dialled, Plans.area(caller)));
    }

    @Test
    void aNullDialledStringIsNotANumber() {
        assertEquals(Optional.empty(), Plans.SHIPPED.normalise(null, Plans.area("almaty")));
    }
}
