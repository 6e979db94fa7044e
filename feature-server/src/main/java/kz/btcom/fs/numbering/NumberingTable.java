package kz.btcom.fs.numbering;

import java.util.List;
import java.util.Set;

/**
 * The numbering file's content, validated: what {@link NumberingReader} reads and {@link NumberingPlan} turns into
 * lookups. Prefixes of national numbers ({@code domesticPrefixes}, {@code mobilePrefixes}, area codes) are digits
 * after the country code; {@code premiumPrefixes} are starts of E.164 numbers with '+'.
 */
record NumberingTable(
        String countryCode,
        int nationalNumberDigits,
        String nationalPrefix,
        String internationalPrefix,
        List<String> domesticPrefixes,
        List<String> mobilePrefixes,
        List<Area> areas,
        Set<String> emergencyCodes,
        List<ServiceNumber> serviceNumbers,
        List<ShortCodePattern> informationShortCodes,
        List<String> premiumPrefixes) {

    /** ITU-T E.164: at most 15 digits. The shortest numbers in service (Niue, Tokelau) have 7. */
    static final int MIN_E164_DIGITS = 7;
    static final int MAX_E164_DIGITS = 15;

    NumberingTable {
        domesticPrefixes = List.copyOf(domesticPrefixes);
        mobilePrefixes = List.copyOf(mobilePrefixes);
        areas = List.copyOf(areas);
        emergencyCodes = Set.copyOf(emergencyCodes);
        serviceNumbers = List.copyOf(serviceNumbers);
        informationShortCodes = List.copyOf(informationShortCodes);
        premiumPrefixes = List.copyOf(premiumPrefixes);
    }

    /**
     * '+' and 7-15 digits, not starting with 0; in this plan's own country code exactly the country code and a
     * national number.
     */
    boolean isE164(String number) {
        int digits = number.length() - 1;
        if (digits < MIN_E164_DIGITS || digits > MAX_E164_DIGITS || number.charAt(0) != '+'
                || number.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !number.startsWith(countryCode, 1) || digits == countryCode.length() + nationalNumberDigits;
    }
}
