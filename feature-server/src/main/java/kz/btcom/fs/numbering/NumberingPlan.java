package kz.btcom.fs.numbering;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.TableText;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kazakhstan numbering, table-driven from {@code config/numbering.yaml} (that file's comments give the rules):
 * dialled forms to E.164, and E.164 numbers to their {@link NumberClass}. Immutable and thread-safe; the tables are
 * built once, so a lookup compiles nothing and allocates little more than its result.
 */
public final class NumberingPlan {

    /** Where {@link #builtIn()} finds the shipped {@code config/numbering.yaml} on the class path. */
    public static final String RESOURCE = "/kz/btcom/fs/numbering/numbering.yaml";

    private final NumberingTable table;
    private final String countryCode;
    private final int nationalDigits;
    private final String nationalPrefix;
    private final String internationalPrefix;
    private final String[] domesticPrefixes;
    private final String[] mobilePrefixes;
    private final Area[] areas;
    private final Set<String> emergencyCodes;
    private final Map<String, String> serviceByDialled;
    private final Set<String> serviceNumbers;
    private final ShortCodePattern[] informationShortCodes;
    private final String[] premiumPrefixes;

    private NumberingPlan(NumberingTable table) {
        this.table = table;
        this.countryCode = table.countryCode();
        this.nationalDigits = table.nationalNumberDigits();
        this.nationalPrefix = table.nationalPrefix();
        this.internationalPrefix = table.internationalPrefix();
        this.domesticPrefixes = table.domesticPrefixes().toArray(String[]::new);
        this.mobilePrefixes = table.mobilePrefixes().toArray(String[]::new);
        this.areas = table.areas().toArray(Area[]::new);
        this.emergencyCodes = Set.copyOf(table.emergencyCodes());
        Map<String, String> byDialled = new HashMap<>();
        Set<String> numbers = new HashSet<>();
        for (ServiceNumber service : table.serviceNumbers()) {
            byDialled.put(service.dialled(), service.e164());
            numbers.add(service.e164());
        }
        this.serviceByDialled = Map.copyOf(byDialled);
        this.serviceNumbers = Set.copyOf(numbers);
        this.informationShortCodes = table.informationShortCodes().toArray(ShortCodePattern[]::new);
        this.premiumPrefixes = table.premiumPrefixes().toArray(String[]::new);
    }

    /**
     * Reads a numbering file. Every problem is one line naming {@code sourceName}, the dotted key and what is wrong:
     * {@code numbering.yaml: areas[1].localDigits: 0 is out of range 4-8}. Unknown keys are errors.
     */
    public static NumberingPlan parse(String yamlText, String sourceName) throws ConfigException {
        return new NumberingPlan(NumberingReader.read(yamlText, sourceName));
    }

    /** Reads a numbering file from disk; messages name the file as given. */
    public static NumberingPlan read(Path file) throws ConfigException {
        return parse(TableText.read(file), file.toString());
    }

    /**
     * The shipped plan: {@code config/numbering.yaml}, which the build copies to {@link #RESOURCE}.
     *
     * @throws IllegalStateException when the resource is missing or invalid: the build is broken
     */
    public static NumberingPlan builtIn() {
        try {
            return parse(TableText.builtInText(RESOURCE), "built-in numbering.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The areas BTcom serves, in the file's order. */
    public List<Area> areas() {
        return table.areas();
    }

    /** The area named {@code name} ("almaty"), if the plan has one. */
    public Optional<Area> area(String name) {
        for (Area area : areas) {
            if (area.name().equals(name)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /** The geographic area of a subscriber's own E.164 number: +77272777000 is in Almaty. */
    public Optional<Area> areaOf(String e164) {
        if (e164 == null || !table.isE164(e164) || !e164.startsWith(countryCode, 1)) {
            return Optional.empty();
        }
        int national = 1 + countryCode.length();
        for (Area area : areas) {
            if (e164.startsWith(area.code(), national)) {
                return Optional.of(area);
            }
        }
        return Optional.empty();
    }

    /**
     * A number in any full form, as the operator API and stored data have it, to E.164: "+77272777888",
     * "77272777888", "87272777888", "tel:+7-727-277-7888", "sip:+77272777888@host;user=phone", "8 10 49 30 ...".
     * There is no area here, so a bare local number, like a short code, is empty.
     */
    public Optional<String> toE164(String anyForm) {
        String digits = DialledDigits.of(anyForm);
        return digits == null ? Optional.empty() : Optional.ofNullable(fullNumber(digits));
    }

    /**
     * A number as a subscriber in {@code callerArea} dialled it (or a {@code tel:}/{@code sip:} URI of it), to
     * E.164 or a short code, with its class. Empty when it is not a number: letters, a feature code, a wrong
     * length, a local number with no caller area. The order of the rules is in {@code config/numbering.yaml}.
     */
    public Optional<ClassifiedNumber> normalise(String dialled, Optional<Area> callerArea) {
        String digits = DialledDigits.of(dialled);
        if (digits == null) {
            return Optional.empty();
        }
        if (digits.charAt(0) != '+') {
            if (emergencyCodes.contains(digits)) {
                return Optional.of(new ClassifiedNumber(digits, NumberClass.EMERGENCY));
            }
            String service = serviceByDialled.get(digits);
            if (service != null) {
                return Optional.of(new ClassifiedNumber(service, NumberClass.SERVICE));
            }
        }
        String e164 = fullNumber(digits);
        if (e164 == null && digits.charAt(0) != '+') {
            for (ShortCodePattern pattern : informationShortCodes) {
                if (pattern.matches(digits)) {
                    return Optional.of(new ClassifiedNumber(digits, NumberClass.INFORMATION));
                }
            }
            if (callerArea.isPresent()) {
                e164 = localNumber(digits, callerArea.get());
            }
        }
        return e164 == null ? Optional.empty() : Optional.of(new ClassifiedNumber(e164, classify(e164, callerArea)));
    }

    /**
     * The class of a full E.164 number called by a subscriber in {@code callerArea}, first match wins: a service
     * number; a premium prefix (information); another country code; the rest of the shared country code (Russia:
     * international); a mobile prefix; the caller's own area (local); national.
     *
     * @throws IllegalArgumentException when {@code e164} is not '+' and digits: normalise first
     */
    public NumberClass classify(String e164, Optional<Area> callerArea) {
        if (e164 == null || e164.isEmpty() || e164.charAt(0) != '+' || !DialledDigits.isDigits(e164, 1)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
        if (serviceNumbers.contains(e164)) {
            return NumberClass.SERVICE;
        }
        if (startsWithAny(e164, premiumPrefixes, 0)) {
            return NumberClass.INFORMATION;
        }
        int national = 1 + countryCode.length();
        if (!e164.startsWith(countryCode, 1) || !startsWithAny(e164, domesticPrefixes, national)) {
            return NumberClass.INTERNATIONAL;
        }
        if (startsWithAny(e164, mobilePrefixes, national)) {
            return NumberClass.MOBILE;
        }
        if (callerArea.isPresent() && e164.startsWith(callerArea.get().code(), national)) {
            return NumberClass.LOCAL;
        }
        return NumberClass.NATIONAL;
    }

    /** '+' form as is; international prefix; national prefix; country code without '+'. Null if none fits. */
    private String fullNumber(String digits) {
        String e164;
        if (digits.charAt(0) == '+') {
            e164 = digits;
        } else if (digits.startsWith(internationalPrefix)) {
            e164 = "+" + digits.substring(internationalPrefix.length());
        } else if (digits.startsWith(nationalPrefix) && digits.length() == nationalPrefix.length() + nationalDigits) {
            e164 = "+" + countryCode + digits.substring(nationalPrefix.length());
        } else if (digits.startsWith(countryCode) && digits.length() == countryCode.length() + nationalDigits) {
            e164 = "+" + digits;
        } else {
            return null;
        }
        return table.isE164(e164) ? e164 : null;
    }

    /** A local number of {@code area}: its length, and not starting 0, 1 (short codes) or the national prefix. */
    private String localNumber(String digits, Area area) {
        char first = digits.charAt(0);
        if (digits.length() != area.localDigits() || first == '0' || first == '1' || first == nationalPrefix.charAt(0)) {
            return null;
        }
        return "+" + countryCode + area.code() + digits;
    }

    private static boolean startsWithAny(String number, String[] prefixes, int offset) {
        for (String prefix : prefixes) {
            if (number.startsWith(prefix, offset)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumberingPlan plan && plan.table.equals(table);
    }

    @Override
    public int hashCode() {
        return table.hashCode();
    }

    @Override
    public String toString() {
        return "NumberingPlan" + table;
    }
}
