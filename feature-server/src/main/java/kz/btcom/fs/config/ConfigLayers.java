package kz.btcom.fs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The configuration as trees laid over each other (built-in defaults, the file, environment, command line), each
 * remembering which layer set which key, so that a bad value is reported against the place it came from.
 */
final class ConfigLayers {

    private final ObjectNode merged = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> sourceByKey = new HashMap<>();
    private final String baseSource;

    ConfigLayers(String baseSource, ObjectNode defaults) {
        this.baseSource = baseSource;
        addDocument(baseSource, defaults);
    }

    /** Lays a whole document over what is there: mappings merge key by key, anything else replaces. */
    void addDocument(String source, ObjectNode document) {
        merge(merged, document, "", source);
    }

    /** Sets one scalar key (an option or environment variable); left alone if a parent is not a mapping. */
    void override(String source, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode parent = merged;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            if (!(child instanceof ObjectNode childObject)) {
                return; // the reader reports the parent that is not a mapping, against the layer that broke it
            }
            parent = childObject;
        }
        parent.set(parts[parts.length - 1], TextNode.valueOf(value));
        sourceByKey.put(dottedKey, source);
    }

    /** Where the value at this key came from: the layer that last set it or one of its parents. */
    String sourceOf(String dottedKey) {
        String key = dottedKey;
        while (true) {
            String source = sourceByKey.get(key);
            if (source != null) {
                return source;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return baseSource;
            }
            key = key.substring(0, dot);
        }
    }

    ObjectNode merged() {
        return merged;
    }

    private void merge(ObjectNode target, ObjectNode layer, String prefix, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = layer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            JsonNode existing = target.get(field.getKey());
            JsonNode incoming = field.getValue();
            if (existing instanceof ObjectNode existingObject && incoming instanceof ObjectNode incomingObject) {
                merge(existingObject, incomingObject, key + ".", source);
            } else if (existing instanceof ObjectNode && incoming.isNull()) {
                // "http:" with every key commented out: the section is simply not overridden.
                continue;
            } else {
                target.set(field.getKey(), incoming.deepCopy());
                sourceByKey.put(key, source);
            }
        }
    }
}
