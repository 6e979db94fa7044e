package kz.btcom.fs.numbering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import kz.btcom.fs.tables.ConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The numbering file's schema: which keys exist, their types, ranges and how they must fit together. */
final class NumberingReader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String[] KEYS = {"countryCode", "nationalNumberDigits", "nationalPrefix",
        "internationalPrefix", "domesticPrefixes", "mobilePrefixes", "areas", "emergencyCodes", "serviceNumbers",
        "informationShortCodes", "premiumPrefixes"};

    private NumberingReader() {
    }

    static NumberingTable read(String yamlText, String source) throws ConfigException {
        YamlNode root = YamlNode.document(source, tree(yamlText, source)).mappingOf(KEYS);

        YamlNode countryCodeNode = root.get("countryCode");
        String countryCode = countryCodeNode.digits(1, 3);
        if (countryCode.charAt(0) == '0') {
            throw countryCodeNode.problem("\"" + countryCode + "\" starts with 0: no country code does");
        }
        YamlNode nsnNode = root.get("nationalNumberDigits");
        int nsn = nsnNode.integer(4, 14);
        if (countryCode.length() + nsn > NumberingTable.MAX_E164_DIGITS) {
            throw nsnNode.problem(nsn + " digits after country code " + countryCode + " make more than the "
                    + NumberingTable.MAX_E164_DIGITS + " of an E.164 number");
        }
        String nationalPrefix = root.get("nationalPrefix").digits(1, 3);
        YamlNode internationalNode = root.get("internationalPrefix");
        String internationalPrefix = internationalNode.digits(1, 4);
        if (internationalPrefix.equals(nationalPrefix)) {
            throw internationalNode.problem("\"" + internationalPrefix + "\" is also the national prefix");
        }
        List<String> domestic = digitList(root.get("domesticPrefixes"), 1, 1, nsn - 1);
        List<String> mobile = new ArrayList<>();
        for (YamlNode item : root.get("mobilePrefixes").items(0)) {
            String prefix = unique(item, item.digits(1, nsn - 1), mobile);
            if (!startsWithAny(prefix, domestic)) {
                throw item.problem("\"" + prefix + "\" is not in domesticPrefixes " + quoted(domestic));
            }
            mobile.add(prefix);
        }
        List<Area> areas = areas(root.get("areas"), nsn, domestic, mobile);
        Set<String> emergency = new LinkedHashSet<>(digitList(root.get("emergencyCodes"), 1, 2, 6));
        NumberingTable partial = new NumberingTable(countryCode, nsn, nationalPrefix, internationalPrefix, domestic,
                mobile, areas, emergency, List.of(), List.of(), List.of());
        List<ServiceNumber> services = serviceNumbers(root.get("serviceNumbers"), partial);
        List<ShortCodePattern> information = patterns(root.get("informationShortCodes"));
        List<String> premium = new ArrayList<>();
        for (YamlNode item : root.get("premiumPrefixes").items(0)) {
            String prefix = item.text();
            if (prefix.charAt(0) != '+' || !DialledDigits.isDigits(prefix, 1)
                    || prefix.length() - 1 > NumberingTable.MAX_E164_DIGITS) {
                throw item.problem("\"" + prefix + "\" is not the start of E.164 numbers, such as \"+7809\"");
            }
            premium.add(unique(item, prefix, premium));
        }
        return new NumberingTable(countryCode, nsn, nationalPrefix, internationalPrefix, domestic, mobile, areas,
                emergency, services, information, premium);
    }

    private static JsonNode tree(String yamlText, String source) throws ConfigException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw ConfigException.of(source, syntaxError(e));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ConfigException.of(source, "is empty; it needs " + String.join(", ", KEYS));
        }
        return tree;
    }

    private static String syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": not valid YAML: "
                    + firstLine(marked.getProblem());
        }
        if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
            return "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": not valid YAML: " + firstLine(e.getOriginalMessage());
        }
        return "not valid YAML: " + firstLine(e.getOriginalMessage());
    }

    private static String firstLine(String message) {
        return message == null || message.isBlank() ? "syntax error" : message.strip().lines().findFirst().orElseThrow();
    }

    private static List<Area> areas(YamlNode list, int nsn, List<String> domestic, List<String> mobile)
            throws ConfigException {
        List<Area> areas = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : list.items(1)) {
            item.mappingOf("name", "code", "localDigits");
            YamlNode nameNode = item.get("name");
            String name = nameNode.text();
            if (!isAreaName(name)) {
                throw nameNode.problem("\"" + name + "\" is not a lower-case name such as \"almaty\"");
            }
            if (!names.add(name)) {
                throw nameNode.problem("\"" + name + "\" is the name of another area too");
            }
            YamlNode codeNode = item.get("code");
            String code = codeNode.digits(1, nsn - 1);
            if (!startsWithAny(code, domestic)) {
                throw codeNode.problem("\"" + code + "\" is not in domesticPrefixes " + quoted(domestic));
            }
            for (Area other : areas) {
                if (code.startsWith(other.code()) || other.code().startsWith(code)) {
                    throw codeNode.problem("\"" + code + "\" overlaps area code \"" + other.code() + "\" of "
                            + other.name() + ": a number would be in both");
                }
            }
            for (String prefix : mobile) {
                if (code.startsWith(prefix) || prefix.startsWith(code)) {
                    throw codeNode.problem("\"" + code + "\" overlaps mobile prefix \"" + prefix + "\"");
                }
            }
            YamlNode localNode = item.get("localDigits");
            int localDigits = localNode.integer(4, 8);
            if (code.length() + localDigits != nsn) {
                throw localNode.problem(localDigits + " digits after area code " + code + " make "
                        + (code.length() + localDigits) + ", not the " + nsn + " of a national number");
            }
            areas.add(new Area(name, code, localDigits));
        }
        return areas;
    }

    private static List<ServiceNumber> serviceNumbers(YamlNode list, NumberingTable plan) throws ConfigException {
        List<ServiceNumber> services = new ArrayList<>();
        List<String> dialledForms = new ArrayList<>();
        for (YamlNode item : list.items(0)) {
            item.mappingOf("dialled", "number");
            YamlNode dialledNode = item.get("dialled");
            String dialled = unique(dialledNode, dialledNode.digits(2, NumberingTable.MAX_E164_DIGITS), dialledForms);
            if (plan.emergencyCodes().contains(dialled)) {
                throw dialledNode.problem("\"" + dialled + "\" is an emergency code");
            }
            dialledForms.add(dialled);
            YamlNode numberNode = item.get("number");
            String number = numberNode.text();
            if (!plan.isE164(number)) {
                throw numberNode.problem("\"" + number + "\" is not an E.164 number: '+', then "
                        + NumberingTable.MIN_E164_DIGITS + "-" + NumberingTable.MAX_E164_DIGITS + " digits, in +"
                        + plan.countryCode() + " exactly " + plan.nationalNumberDigits() + " after the country code");
            }
            services.add(new ServiceNumber(dialled, number));
        }
        return services;
    }

    private static List<ShortCodePattern> patterns(YamlNode list) throws ConfigException {
        List<ShortCodePattern> patterns = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (YamlNode item : list.items(0)) {
            String text = unique(item, item.text(), seen);
            int fixed = 0;
            while (fixed < text.length() && text.charAt(fixed) >= '0' && text.charAt(fixed) <= '9') {
                fixed++;
            }
            boolean wildcards = fixed > 0 && text.length() <= 8;
            for (int i = fixed; i < text.length(); i++) {
                wildcards &= text.charAt(i) == 'X';
            }
            if (!wildcards) {
                throw item.problem("\"" + text + "\" is not a pattern of digits, then an X for each further digit,"
                        + " such as \"1XX\"");
            }
            seen.add(text);
            patterns.add(new ShortCodePattern(text.substring(0, fixed), text.length()));
        }
        return patterns;
    }

    private static List<String> digitList(YamlNode list, int atLeast, int min, int max) throws ConfigException {
        List<String> values = new ArrayList<>();
        for (YamlNode item : list.items(atLeast)) {
            values.add(unique(item, item.digits(min, max), values));
        }
        return values;
    }

    private static String unique(YamlNode item, String value, List<String> earlier) throws ConfigException {
        if (earlier.contains(value)) {
            throw item.problem("\"" + value + "\" is listed twice");
        }
        return value;
    }

    private static boolean startsWithAny(String digits, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (digits.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAreaName(String name) {
        if (name.length() > 32 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(List<String> values) {
        return "[\"" + String.join("\", \"", values) + "\"]";
    }
}
