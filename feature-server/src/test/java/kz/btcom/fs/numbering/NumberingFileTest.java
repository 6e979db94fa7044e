package kz.btcom.fs.numbering;

import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bad numbering file stops the start with one line: the file, the dotted key and the problem. */
class NumberingFileTest {

    /** The shipped file with one line replaced: every other key stays valid. */
    private static String shippedWith(String line, String replacement) {
        String text = Plans.shippedText();
        assertTrue(text.contains(line), "the shipped file has " + line);
        return text.replace(line, replacement);
    }

    private static String error(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> NumberingPlan.parse(yaml, "numbering.yaml"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theShippedFileParses() throws Exception {
        NumberingPlan plan = NumberingPlan.read(Plans.SHIPPED_FILE);
        assertEquals(2, plan.areas().size());
    }

    @Test
    void theBuiltInPlanIsTheShippedFile() {
        assertEquals(Plans.SHIPPED.toString(), NumberingPlan.builtIn().toString());
    }

    @Test
    void aLocalNumberLengthOutOfRangeNamesTheFileTheAreaAndTheKey() {
        assertEquals("numbering.yaml: areas[1].localDigits: 0 is out of range 4-8",
                error(shippedWith("    localDigits: 6", "    localDigits: 0")));
    }

    @Test
    void anAreaCodeAndLocalNumberMustMakeANationalNumber() {
        assertEquals("numbering.yaml: areas[1].localDigits: 7 digits after area code 7172 make 11, not the 10 of a"
                + " national number", error(shippedWith("    localDigits: 6", "    localDigits: 7")));
    }

    @Test
    void anUnknownKeyIsNamedWithTheKeysThatExist() {
        assertEquals("numbering.yaml: areas[0].localDigit: unknown key (expected one of: name, code, localDigits)",
                error(shippedWith("    localDigits: 7", "    localDigit: 7")));
        assertTrue(error(shippedWith("premiumPrefixes:", "premiumPrefix:"))
                .startsWith("numbering.yaml: premiumPrefix: unknown key (expected one of: countryCode, "));
    }

    @Test
    void aMissingKeyIsNamed() {
        assertEquals("numbering.yaml: internationalPrefix: is missing",
                error(shippedWith("internationalPrefix: \"810\"", "")));
    }

    @Test
    void aDigitStringWrittenAsANumberMustBeQuoted() {
        assertEquals("numbering.yaml: areas[0].code: 727 is a number; write it in quotes: \"727\"",
                error(shippedWith("code: \"727\"", "code: 727")));
    }

    @Test
    void overlappingAreaCodesAreRefused() {
        assertEquals("numbering.yaml: areas[1].code: \"7272\" overlaps area code \"727\" of almaty: a number would be"
                + " in both", error(shippedWith("code: \"7172\"", "code: \"7272\"")));
    }

    @Test
    void anAreaCodeInsideAMobileRangeIsRefused() {
        assertEquals("numbering.yaml: areas[1].code: \"7015\" overlaps mobile prefix \"70\"",
                error(shippedWith("code: \"7172\"", "code: \"7015\"")));
    }

    @Test
    void aMobilePrefixOutsideKazakhstanIsRefused() {
        assertEquals("numbering.yaml: mobilePrefixes[7]: \"916\" is not in domesticPrefixes [\"6\", \"7\"]",
                error(shippedWith("\"777\", \"778\"]", "\"777\", \"778\", \"916\"]")));
    }

    @Test
    void aServiceNumberMustBeE164AndItsDialledFormNotAnEmergencyCode() {
        assertEquals("numbering.yaml: serviceNumbers[1].number: \"77272777000\" is not an E.164 number: '+', then"
                        + " 7-15 digits, in +7 exactly 10 after the country code",
                error(shippedWith("number: \"+77272777000\"", "number: \"77272777000\"")));
        assertEquals("numbering.yaml: serviceNumbers[2].dialled: \"112\" is an emergency code",
                error(shippedWith("dialled: \"688900\"", "dialled: \"112\"")));
    }

    @Test
    void aDuplicateInAListIsNamed() {
        assertEquals("numbering.yaml: emergencyCodes[5]: \"112\" is listed twice",
                error(shippedWith("\"104\", \"112\"]", "\"104\", \"112\", \"112\"]")));
    }

    @Test
    void aShortCodePatternIsDigitsThenXs() {
        assertEquals("numbering.yaml: informationShortCodes[1]: \"1X9\" is not a pattern of digits, then an X for each"
                + " further digit, such as \"1XX\"", error(shippedWith("\"1XXX\"]", "\"1X9\"]")));
    }

    @Test
    void aPremiumPrefixIsTheStartOfAnE164Number() {
        assertEquals("numbering.yaml: premiumPrefixes[0]: \"7809\" is not the start of E.164 numbers, such as"
                + " \"+7809\"", error(shippedWith("[\"+7809\"]", "[\"7809\"]")));
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndTheLine() {
        String message = error("countryCode: \"7\"\n  nationalPrefix: \"8\"\n");
        assertTrue(message.startsWith("numbering.yaml: line 2, column "), message);
        assertTrue(message.contains("not valid YAML"), message);
    }

    @Test
    void aDuplicateKeyIsAnError() {
        String message = error("countryCode: \"7\"\ncountryCode: \"7\"\n");
        assertTrue(message.startsWith("numbering.yaml: ") && message.contains("countryCode"), message);
    }

    @Test
    void anEmptyFileOrAListIsNotAPlan() {
        assertTrue(error("").startsWith("numbering.yaml: is empty; it needs countryCode, "));
        assertTrue(error("- 1\n").startsWith("numbering.yaml: [1] is not a mapping of keys (countryCode, "));
    }

    @Test
    void aFileThatCannotBeReadIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("numbering.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> NumberingPlan.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read: "), e.getMessage());
        assertFalse(Files.exists(missing));
    }
}
