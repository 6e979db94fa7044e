package kz.btcom.fs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kz.btcom.fs.tables.ConfigException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One mapping of the merged configuration, read key by key into typed values. Every problem names the layer the
 * value came from, the dotted key and what is wrong; keys nobody read are reported as unknown.
 */
final class ConfigSection {

    private final ConfigLayers layers;
    private final String path;
    private final ObjectNode node;
    private final Set<String> readKeys = new LinkedHashSet<>();

    private ConfigSection(ConfigLayers layers, String path, ObjectNode node) {
        this.layers = layers;
        this.path = path;
        this.node = node;
    }

    static ConfigSection root(ConfigLayers layers) {
        return new ConfigSection(layers, "", layers.merged());
    }

    ConfigSection section(String key) throws ConfigException {
        JsonNode value = value(key);
        if (!(value instanceof ObjectNode object)) {
            throw problem(key, value + " is not a mapping of keys");
        }
        return new ConfigSection(layers, keyPath(key), object);
    }

    /** A mapping that may be left out, or left with every key commented out: empty then. */
    java.util.Optional<ConfigSection> optionalSection(String key) throws ConfigException {
        readKeys.add(key);
        return node.hasNonNull(key) ? java.util.Optional.of(section(key)) : java.util.Optional.empty();
    }

    /** Whether the key is there at all, without reading it: for a key no longer taken, refused by name. */
    boolean has(String key) {
        return node.has(key);
    }

    /** A text that may be left out: empty then. */
    java.util.Optional<String> optionalText(String key) throws ConfigException {
        readKeys.add(key);
        return node.has(key) ? java.util.Optional.of(text(key)) : java.util.Optional.empty();
    }

    /** The problem, against this section's key and the layer that set it: for checks the reader makes itself. */
    ConfigException problemAt(String key, String problem) {
        return problem(key, problem);
    }

    String text(String key) throws ConfigException {
        JsonNode value = value(key);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem(key, value + " is not a non-empty text");
        }
        return value.asText();
    }

    /** A list of non-empty texts, possibly empty. */
    java.util.List<String> textList(String key) throws ConfigException {
        JsonNode value = value(key);
        if (!value.isArray()) {
            throw problem(key, value + " is not a list");
        }
        java.util.List<String> texts = new java.util.ArrayList<>();
        int index = 0;
        for (JsonNode element : value) {
            index++;
            if (!element.isTextual() || element.asText().isBlank()) {
                throw problem(key, "entry " + index + " is not a non-empty text");
            }
            texts.add(element.asText());
        }
        return java.util.List.copyOf(texts);
    }

    /** A list of non-empty texts that may be left out (or commented out): empty then. */
    java.util.Optional<java.util.List<String>> optionalTextList(String key) throws ConfigException {
        readKeys.add(key);
        return node.hasNonNull(key) ? java.util.Optional.of(textList(key)) : java.util.Optional.empty();
    }

    /** A text that may be empty (a user name left to the URL). */
    String textOrEmpty(String key) throws ConfigException {
        JsonNode value = value(key);
        if (!value.isTextual()) {
            throw problem(key, value + " is not a text");
        }
        return value.asText();
    }

    /** Where the value at this key came from: a file, the built-in defaults, an option, the environment. */
    String sourceOf(String key) {
        return layers.sourceOf(keyPath(key));
    }

    int integer(String key, int min, int max) throws ConfigException {
        JsonNode value = value(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem(key, value + " is not a whole number");
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw problem(key, number + " is out of range " + min + "-" + max);
        }
        return number;
    }

    /** A whole number written in a file, or as digits by an option or the environment ({@code --warm-up-calls 0}). */
    int count(String key, int min, int max) throws ConfigException {
        JsonNode value = value(key);
        if (value.isTextual() && value.asText().strip().matches("[0-9]{1,9}")) {
            int number = Integer.parseInt(value.asText().strip());
            if (number < min || number > max) {
                throw problem(key, number + " is out of range " + min + "-" + max);
            }
            return number;
        }
        return integer(key, min, max);
    }

    HostPort hostPort(String key) throws ConfigException {
        JsonNode value = value(key);
        if (value.isArray()) {
            // YAML reads an unquoted [::1]:5060 as a list.
            throw problem(key, value + " is not HOST:PORT; quote an IPv6 address: \"[::1]:5060\"");
        }
        if (!value.isValueNode()) {
            throw problem(key, value + " is not HOST:PORT with a port 1-65535");
        }
        return HostPort.parse(value.asText())
                .orElseThrow(() -> problem(key, value + " is not HOST:PORT with a port 1-65535"));
    }

    Path path(String key) throws ConfigException {
        String text = text(key);
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw problem(key, "\"" + text + "\" is not a path: " + e.getReason());
        }
    }

    /** One of an enum's constants, written in lower case. */
    <E extends Enum<E>> E oneOf(String key, Class<E> type) throws ConfigException {
        JsonNode value = value(key);
        return constant(key, value, type);
    }

    /** A non-empty list of an enum's constants, written in lower case, each at most once. */
    <E extends Enum<E>> Set<E> setOf(String key, Class<E> type) throws ConfigException {
        JsonNode value = value(key);
        if (!value.isArray()) {
            throw problem(key, value + " is not a list such as [" + names(type) + "]");
        }
        if (value.isEmpty()) {
            throw problem(key, "[] needs at least one of " + names(type));
        }
        EnumSet<E> found = EnumSet.noneOf(type);
        for (JsonNode element : value) {
            if (!found.add(constant(key, element, type))) {
                throw problem(key, element + " is listed twice");
            }
        }
        return found;
    }

    /** Call when every key of this section has been read: whatever is left is a typo or a stale key. */
    void rejectUnknownKeys() throws ConfigException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!readKeys.contains(key)) {
                throw problem(key, "unknown key (expected one of: " + String.join(", ", readKeys) + ")");
            }
        }
    }

    private <E extends Enum<E>> E constant(String key, JsonNode value, Class<E> type) throws ConfigException {
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().toLowerCase(Locale.ROOT).equals(value.asText())) {
                    return constant;
                }
            }
        }
        throw problem(key, value + " is not one of " + names(type));
    }

    private JsonNode value(String key) throws ConfigException {
        readKeys.add(key);
        JsonNode value = node.get(key);
        if (value == null) {
            throw problem(key, "is missing");
        }
        if (value.isNull()) {
            throw problem(key, "has no value");
        }
        return value;
    }

    private ConfigException problem(String key, String problem) {
        String dotted = keyPath(key);
        return new ConfigException(layers.sourceOf(dotted), dotted, problem);
    }

    private String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
