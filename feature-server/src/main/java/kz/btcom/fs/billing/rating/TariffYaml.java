package kz.btcom.fs.billing.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import kz.btcom.fs.config.ConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of the tariff file with its dotted key ({@code national.zones[1].pricePer10Seconds}), read into typed
 * values. Every problem is a {@link ConfigException} naming the file, the key and what is wrong, in one line.
 */
final class TariffYaml {

    /** Decimals stay {@link BigDecimal}: an unquoted 2.50 is read exactly, never through a double. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final String source;
    private final String key;
    private final JsonNode value;

    private TariffYaml(String source, String key, JsonNode value) {
        this.source = source;
        this.key = key;
        this.value = value;
    }

    /** The document's top-level mapping; {@code expectedKeys} are named when the file is empty. */
    static TariffYaml document(String yamlText, String source, String... expectedKeys) throws ConfigException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw ConfigException.of(source, syntaxError(e));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ConfigException.of(source, "is empty; it needs " + String.join(", ", expectedKeys));
        }
        return new TariffYaml(source, "", tree);
    }

    /** Checks that this is a mapping with no keys but {@code keys}; unknown keys are typos or stale. */
    TariffYaml mappingOf(String... keys) throws ConfigException {
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
    TariffYaml get(String name) throws ConfigException {
        JsonNode child = value.get(name);
        if (child == null) {
            throw new ConfigException(source, child(name), "is missing");
        }
        if (child.isNull()) {
            throw new ConfigException(source, child(name), "has no value");
        }
        return new TariffYaml(source, child(name), child);
    }

    /** The elements of a list, each keyed {@code key[i]}. */
    List<TariffYaml> items() throws ConfigException {
        if (!value.isArray()) {
            throw problem(value + " is not a list [...]");
        }
        List<TariffYaml> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            TariffYaml item = new TariffYaml(source, key + "[" + i + "]", value.get(i));
            if (item.value.isNull()) {
                throw item.problem("has no value");
            }
            items.add(item);
        }
        return items;
    }

    /** The entries of a mapping whose keys are names chosen by the operator, each keyed {@code key.name}. */
    Map<String, TariffYaml> entries() throws ConfigException {
        if (!value.isObject()) {
            throw problem(value + " is not a mapping of names to values");
        }
        Map<String, TariffYaml> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            TariffYaml entry = new TariffYaml(source, child(field.getKey()), field.getValue());
            if (entry.value.isNull()) {
                throw entry.problem("has no value");
            }
            entries.put(field.getKey(), entry);
        }
        return entries;
    }

    /** A non-empty string. A number is refused: write "+7727" in quotes. */
    String text() throws ConfigException {
        if (value.isNumber()) {
            throw problem(value + " is a number; write it in quotes (\"+7727\", \"1\")");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem(value + " is not a non-empty text in quotes");
        }
        return value.asText();
    }

    boolean bool() throws ConfigException {
        if (!value.isBoolean()) {
            throw problem(value + " is not true or false");
        }
        return value.booleanValue();
    }

    /** An exact decimal, quoted ("2.50") or plain (2.50). */
    BigDecimal decimal() throws ConfigException {
        if (value.isIntegralNumber() || value.isBigDecimal()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            String text = value.asText().strip();
            if (text.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                return new BigDecimal(text);
            }
        }
        throw problem(value + " is not a decimal such as \"12.50\"");
    }

    /** An amount of tenge, not negative, with at most two decimals: scale 2. */
    BigDecimal money() throws ConfigException {
        BigDecimal amount = decimal();
        if (amount.signum() < 0) {
            throw problem(amount.toPlainString() + " is negative");
        }
        return Money.exact(amount).orElseThrow(
                () -> problem(amount.toPlainString() + " has fractions of a tiyn (more than 2 decimals)"));
    }

    ConfigException problem(String problem) {
        return key.isEmpty() ? ConfigException.of(source, problem) : new ConfigException(source, key, problem);
    }

    private String child(String name) {
        return key.isEmpty() ? name : key + "." + name;
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
}
