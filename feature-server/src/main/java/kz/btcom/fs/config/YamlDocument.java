package kz.btcom.fs.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import kz.btcom.fs.tables.ConfigException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Parses one YAML document into a tree, turning syntax errors into one line with the position. */
final class YamlDocument {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** {@code key: [::1]:5060} unquoted: YAML reads the brackets as a list and stumbles. */
    private static final Pattern UNQUOTED_IPV6 = Pattern.compile(":\\s*\\[[0-9A-Fa-f:.]*]");

    private YamlDocument() {
    }

    /** The top-level mapping; an empty document is an empty mapping. */
    static ObjectNode parse(String source, byte[] yaml) throws ConfigException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw ConfigException.of(source, syntaxError(e, yaml));
        } catch (IOException e) {
            throw ConfigException.of(source, "cannot read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw ConfigException.of(source, "the document must be a mapping of keys (sip:, http:, ...), not " + tree);
        }
        return object;
    }

    private static String syntaxError(JsonProcessingException e, byte[] yaml) {
        int line;
        int column;
        String problem;
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            // SnakeYAML's message runs over several lines with a picture of the text; its problem is one.
            Mark mark = marked.getProblemMark();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            problem = marked.getProblem();
        } else {
            JsonLocation location = e.getLocation();
            line = location == null ? 0 : location.getLineNr();
            column = location == null ? 0 : location.getColumnNr();
            problem = e.getOriginalMessage();
        }
        String text = "not valid YAML: " + firstLine(problem);
        if (line > 0 && UNQUOTED_IPV6.matcher(lineOf(yaml, line)).find()) {
            text += "; quote an IPv6 address: \"[::1]:5060\"";
        }
        return line > 0 ? "line " + line + ", column " + column + ": " + text : text;
    }

    private static String lineOf(byte[] yaml, int lineNumber) {
        return new String(yaml, StandardCharsets.UTF_8).lines().skip(lineNumber - 1L).findFirst().orElse("");
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        return message.strip().lines().findFirst().orElseThrow().strip();
    }
}
