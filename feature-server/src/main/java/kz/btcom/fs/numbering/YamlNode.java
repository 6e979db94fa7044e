package kz.btcom.fs.numbering;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.config.ConfigException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One value of the numbering file with its dotted key ({@code areas[1].localDigits}), read into typed values.
 * Every problem is a {@link ConfigException} naming the file, the key and what is wrong.
 */
final class YamlNode {

    private final String source;
    private final String key;
    private final JsonNode value;

    private YamlNode(String source, String key, JsonNode value) {
        this.source = source;
        this.key = key;
        this.value = value;
    }

    /** The document; {@code key} names the whole file in messages and is not shown. */
    static YamlNode document(String source, JsonNode tree) {
        return new YamlNode(source, "", tree);
    }

    /** Checks that this is a mapping with no keys but {@code keys}; unknown keys are typos or stale. */
    YamlNode mappingOf(String... keys) throws ConfigException {
        if (!value.isObject()) {
            throw problem(value + " is not a mapping of keys (" + String.join(", ", keys) + ")");
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of(keys).contains(name)) {
                throw new ConfigException(source, child(name),
                        "unknown key (expected one of: " + String.join(", ", keys) + ")");
            }
        }
        return this;
    }

    /** The value under {@code name} of a mapping checked by {@link #mappingOf}. */
    YamlNode get(String name) throws ConfigException {
        JsonNode child = value.get(name);
        if (child == null) {
            throw new ConfigException(source, child(name), "is missing");
        }
        if (child.isNull()) {
            throw new ConfigException(source, child(name), "has no value");
        }
        return new YamlNode(source, child(name), child);
    }

    /** The elements of a list, each keyed {@code key[i]}. */
    List<YamlNode> items(int atLeast) throws ConfigException {
        if (!value.isArray()) {
            throw problem(value + " is not a list [...]");
        }
        if (value.size() < atLeast) {
            throw problem("[] needs at least " + atLeast + " entry");
        }
        List<YamlNode> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            YamlNode item = new YamlNode(source, key + "[" + i + "]", element);
            if (element.isNull()) {
                throw item.problem("has no value");
            }
            items.add(item);
        }
        return items;
    }

    int integer(int min, int max) throws ConfigException {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem(value + " is not a whole number");
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw problem(number + " is out of range " + min + "-" + max);
        }
        return number;
    }

    /** A quoted string of digits only, {@code min}-{@code max} of them. */
    String digits(int min, int max) throws ConfigException {
        String text = text();
        if (!DialledDigits.isDigits(text, 0)) {
            throw problem(value + " is not digits only");
        }
        if (text.length() < min || text.length() > max) {
            throw problem(value + " has " + text.length() + " digits, not " + (min == max ? min : min + "-" + max));
        }
        return text;
    }

    /** A quoted non-empty string. A number is refused: YAML drops its leading zeros or reads it as octal. */
    String text() throws ConfigException {
        if (value.isNumber()) {
            throw problem(value + " is a number; write it in quotes: \"" + value + "\"");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw problem(value + " is not a non-empty text in quotes");
        }
        return value.asText();
    }

    ConfigException problem(String problem) {
        return key.isEmpty() ? ConfigException.of(source, problem) : new ConfigException(source, key, problem);
    }

    private String child(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }
}
