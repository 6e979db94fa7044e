package kz.btcom.fs.numbering;

import com.fasterxml.jackson.databind.JsonNode;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.KeyedYamlNode;

/** A value of the numbering file: the shared walking, and the numbering's own digits and quoted texts. */
final class YamlNode extends KeyedYamlNode<YamlNode> {

    private YamlNode(String source, String key, JsonNode value) {
        super(source, key, value);
    }

    /** The document; its key is empty and not shown in messages. */
    static YamlNode document(String source, JsonNode tree) {
        return new YamlNode(source, "", tree);
    }

    @Override
    protected YamlNode at(String key, JsonNode value) {
        return new YamlNode(source(), key, value);
    }

    /** A quoted string of digits only, {@code min}-{@code max} of them. */
    String digits(int min, int max) throws ConfigException {
        String text = text();
        if (!DialledDigits.isDigits(text, 0)) {
            throw problem(value() + " is not digits only");
        }
        if (text.length() < min || text.length() > max) {
            throw problem(value() + " has " + text.length() + " digits, not " + (min == max ? min : min + "-" + max));
        }
        return text;
    }

    /** A quoted non-empty string. A number is refused: YAML drops its leading zeros or reads it as octal. */
    String text() throws ConfigException {
        if (value().isNumber()) {
            throw problem(value() + " is a number; write it in quotes: \"" + value() + "\"");
        }
        if (!value().isTextual() || value().asText().isEmpty()) {
            throw problem(value() + " is not a non-empty text in quotes");
        }
        return value().asText();
    }
}
