package kz.btcom.fs.service.mcid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.KeyedYamlNode;
import kz.btcom.fs.tables.TableText;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The IP trunks of {@code config/trunks.yaml} (its comments give the rules): which trunk a call came in on, by the
 * address its INVITE came from, when the core did not name the trunk group itself.
 */
public final class TrunkTable {

    /** Where {@link #builtIn()} finds the shipped {@code config/trunks.yaml} on the class path. */
    public static final String RESOURCE = "/kz/btcom/fs/service/mcid/trunks.yaml";
    public static final TrunkTable NONE = new TrunkTable(List.of(), List.of());

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private final List<Trunk> trunks;
    /** Each trunk's addresses, parsed, in the order of {@link #trunks}. */
    private final List<List<AddressBlock>> blocks;

    private TrunkTable(List<Trunk> trunks, List<List<AddressBlock>> blocks) {
        this.trunks = List.copyOf(trunks);
        this.blocks = List.copyOf(blocks);
    }

    /** A trunk and the address blocks its calls come from. */
    public record Trunk(String name, List<String> addresses) {
        public Trunk {
            Objects.requireNonNull(name, "name");
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * Reads and checks a trunks file; a problem names the file, the key and what is wrong, e.g. {@code trunks.yaml:
     * trunks[0].addresses[1]: "10.0.0.300" is not an IP address or a CIDR block}.
     */
    public static TrunkTable parse(String yaml, String source) throws ConfigException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw ConfigException.of(source, "not valid YAML: " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw ConfigException.of(source, "is empty; it needs trunks (an empty list [] is allowed)");
        }
        Node root = new Node(source, "", tree).mappingOf("trunks");
        List<Trunk> trunks = new ArrayList<>();
        List<List<AddressBlock>> blocks = new ArrayList<>();
        for (Node item : root.get("trunks").items(0)) {
            item.mappingOf("name", "addresses");
            Node nameNode = item.get("name");
            String name = nameNode.text();
            if (!NAME.matcher(name).matches()) {
                throw nameNode.problem("\"" + name + "\" is not a trunk name (letters, digits, . _ -, up to 64)");
            }
            if (trunks.stream().anyMatch(t -> t.name().equals(name))) {
                throw nameNode.problem("\"" + name + "\" is named twice");
            }
            List<AddressBlock> trunkBlocks = new ArrayList<>();
            for (Node address : item.get("addresses").items(1)) {
                String text = address.text();
                trunkBlocks.add(AddressBlock.parse(text).orElseThrow(() -> address.problem("\"" + text
                        + "\" is not an IP address or a CIDR block such as \"10.20.0.0/24\"")));
            }
            trunks.add(new Trunk(name, trunkBlocks.stream().map(AddressBlock::text).toList()));
            blocks.add(trunkBlocks);
        }
        return new TrunkTable(trunks, blocks);
    }

    /** The shipped {@code config/trunks.yaml}. */
    public static TrunkTable builtIn() {
        try {
            return parse(TableText.builtInText(RESOURCE), "built-in trunks.yaml");
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in trunks.yaml is broken: " + e.getMessage(), e);
        }
    }

    /** The trunk whose addresses hold {@code sourceHost} (an address literal), first match in the file's order. */
    public Optional<String> trunkOf(String sourceHost) {
        for (int i = 0; i < blocks.size(); i++) {
            for (AddressBlock block : blocks.get(i)) {
                if (block.contains(sourceHost)) {
                    return Optional.of(trunks.get(i).name());
                }
            }
        }
        return Optional.empty();
    }

    public List<Trunk> trunks() {
        return trunks;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrunkTable table && table.trunks.equals(trunks);
    }

    @Override
    public int hashCode() {
        return trunks.hashCode();
    }

    @Override
    public String toString() {
        return "TrunkTable" + trunks;
    }

    /** A value of the trunks file with its dotted key. */
    private static final class Node extends KeyedYamlNode<Node> {
        Node(String source, String key, JsonNode value) {
            super(source, key, value);
        }

        @Override
        protected Node at(String key, JsonNode value) {
            return new Node(source(), key, value);
        }

        String text() throws ConfigException {
            if (!value().isTextual() || value().asText().isBlank()) {
                throw problem(value() + " is not a non-empty text in quotes");
            }
            return value().asText();
        }
    }
}
