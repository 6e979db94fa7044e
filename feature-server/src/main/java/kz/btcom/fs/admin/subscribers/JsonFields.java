package kz.btcom.fs.admin.subscribers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import kz.btcom.fs.admin.RequestRejected;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the known fields of one JSON object, strictly typed, and takes each one it reads out of the object's
 * copy in the tree of extras, so what is left there is what the server does not know. Problems name the field
 * by its dotted path: {@code services.forwarding.noReplySeconds: 200 is out of range 5-180}.
 */
final class JsonFields {

    private final ObjectNode object;
    private final ObjectNode extras;
    private final String path;

    private JsonFields(ObjectNode object, ObjectNode extras, String path) {
        this.object = object;
        this.extras = extras;
        this.path = path;
    }

    /** The fields of a whole document; {@code extras} starts as its deep copy. */
    static JsonFields of(ObjectNode document, ObjectNode extras) {
        return new JsonFields(document, extras, "");
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The field as it is, JSON null included; empty when absent. */
    Optional<JsonNode> raw(String field) {
        extras.remove(field);
        return Optional.ofNullable(object.get(field));
    }

    /** The field unless absent or null: a known field set to null takes its default. */
    Optional<JsonNode> value(String field) {
        return raw(field).filter(node -> !node.isNull());
    }

    boolean bool(String field) {
        return value(field).map(node -> {
            if (!node.isBoolean()) {
                throw invalid(field, "must be true or false, not " + node);
            }
            return node.booleanValue();
        }).orElse(false);
    }

    int integer(String field, int absent, int min, int max) {
        return value(field).map(node -> {
            if (!node.isIntegralNumber()) {
                throw invalid(field, "must be a whole number from " + min + " to " + max + ", not " + node);
            }
            if (!node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
                throw invalid(field, node + " is out of range " + min + "-" + max);
            }
            return node.intValue();
        }).orElse(absent);
    }

    Optional<String> text(String field, String expected) {
        return value(field).map(node -> {
            if (!node.isTextual()) {
                throw invalid(field, "must be " + expected + ", not " + node);
            }
            return node.textValue();
        });
    }

    /**
     * Reads a nested object (an empty one when absent or null); when all its fields were known, it leaves no
     * empty object behind in the extras.
     */
    <T> T object(String field, Function<JsonFields, T> reader) {
        JsonNode node = object.get(field);
        if (node != null && !node.isNull() && !node.isObject()) {
            throw invalid(field, "must be an object, not " + node);
        }
        ObjectNode nested = node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) node;
        JsonNode nestedExtras = extras.get(field);
        ObjectNode remaining = nestedExtras instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        T value = reader.apply(new JsonFields(nested, remaining, pathOf(field)));
        if (remaining.isEmpty()) {
            extras.remove(field);
        }
        return value;
    }

    RequestRejected invalid(String field, String problem) {
        return RequestRejected.badRequest(pathOf(field) + ": " + problem);
    }

    /** A string as JSON writes it, quotes and escapes included: for messages that quote what was sent. */
    static String quoted(String text) {
        return TextNode.valueOf(text).toString();
    }
}
