package kz.btcom.fs.billing.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.KeyedYamlNode;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.math.BigDecimal;
import java.util.List;

/**
 * One value of the tariff file with its dotted key ({@code national.zones[1].pricePer10Seconds}), read into typed
 * values. Every problem is a {@link ConfigException} naming the file, the key and what is wrong, in one line.
 */
final class TariffYaml extends KeyedYamlNode<TariffYaml> {

    /** Decimals stay {@link BigDecimal}: an unquoted 2.50 is read exactly, never through a double. */
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private TariffYaml(String source, String key, JsonNode value) {
        super(source, key, value);
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

    @Override
    protected TariffYaml at(String key, JsonNode value) {
        return new TariffYaml(source(), key, value);
    }

    /** The elements of a list, each keyed {@code key[i]}. */
    List<TariffYaml> items() throws ConfigException {
        return items(0);
    }

    /** A non-empty string. A number is refused: write "+7727" in quotes. */
    String text() throws ConfigException {
        if (value().isNumber()) {
            throw problem(value() + " is a number; write it in quotes (\"+7727\", \"1\")");
        }
        if (!value().isTextual() || value().asText().isBlank()) {
            throw problem(value() + " is not a non-empty text in quotes");
        }
        return value().asText();
    }

    /** An exact decimal, quoted ("2.50") or plain (2.50). */
    BigDecimal decimal() throws ConfigException {
        if (value().isIntegralNumber() || value().isBigDecimal()) {
            return value().decimalValue();
        }
        if (value().isTextual()) {
            String text = value().asText().strip();
            if (text.matches("[+-]?[0-9]+(\\.[0-9]+)?")) {
                return new BigDecimal(text);
            }
        }
        throw problem(value() + " is not a decimal such as \"12.50\"");
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
