package kz.btcom.fs.tables;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a table file (numbering.yaml, tariffs.yaml) with its dotted key ({@code areas[1].localDigits}),
 * walked as mappings, lists and scalars. Every problem is a {@link ConfigException} naming the file, the key and
 * what is wrong, in one line. Each table's own node type adds the values only it reads (digits, money...).
 *
 * @param <N> the table's own node type, which the walking returns
 */
public abstract class KeyedYamlNode<N extends KeyedYamlNode<N>> {

    private final String source;
    private final String key;
    private final JsonNode value;

    protected KeyedYamlNode(String source, String key, JsonNode value) {
        this.source = source;
        this.key = key;
        this.value = value;
    }

    /** The table's node for a value under this one. */
    protected abstract N at(String key, JsonNode value);

    /** The file, for the node of a value under this one. */
    protected final String source() {
        return source;
    }

    protected final JsonNode value() {
        return value;
    }

    /** Checks that this is a mapping with no keys but {@code keys}; unknown keys are typos or stale. */
    public final N mappingOf(String... keys) throws ConfigException {
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
        return self();
    }

    /** The value under {@code name} of a mapping checked by {@link #mappingOf}. */
    public final N get(String name) throws ConfigException {
        JsonNode child = value.get(name);
        if (child == null) {
            throw new ConfigException(source, child(name), "is missing");
        }
        if (child.isNull()) {
            throw new ConfigException(source, child(name), "has no value");
        }
        return at(child(name), child);
    }

    /** The elements of a list, each keyed {@code key[i]}, at least {@code atLeast} of them. */
    public final List<N> items(int atLeast) throws ConfigException {
        if (!value.isArray()) {
            throw problem(value + " is not a list [...]");
        }
        if (value.size() < atLeast) {
            throw problem("[] needs at least " + atLeast + " entry");
        }
        List<N> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            N item = at(key + "[" + i + "]", value.get(i));
            if (value.get(i).isNull()) {
                throw item.problem("has no value");
            }
            items.add(item);
        }
        return items;
    }

    /** The entries of a mapping whose keys are names chosen by the operator, each keyed {@code key.name}. */
    public final Map<String, N> entries() throws ConfigException {
        if (!value.isObject()) {
            throw problem(value + " is not a mapping of names to values");
        }
        Map<String, N> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            N entry = at(child(field.getKey()), field.getValue());
            if (field.getValue().isNull()) {
                throw entry.problem("has no value");
            }
            entries.put(field.getKey(), entry);
        }
        return entries;
    }

    public final int integer(int min, int max) throws ConfigException {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw problem(value + " is not a whole number");
        }
        int number = value.asInt();
        if (number < min || number > max) {
            throw problem(number + " is out of range " + min + "-" + max);
        }
        return number;
    }

    public final boolean bool() throws ConfigException {
        if (!value.isBoolean()) {
            throw problem(value + " is not true or false");
        }
        return value.booleanValue();
    }

    /** The problem, against this value's key (against the file alone for the whole document). */
    public final ConfigException problem(String problem) {
        return key.isEmpty() ? ConfigException.of(source, problem) : new ConfigException(source, key, problem);
    }

    @SuppressWarnings("unchecked")
    private N self() {
        return (N) this;
    }

    private String child(String name) {
        return key.isEmpty() ? name : key + "." + name;
    }
}
