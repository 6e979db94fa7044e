package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.CodePattern;
import kz.btcom.fs.featurecode.FeatureCodeSettings;
import kz.btcom.fs.featurecode.FeatureCodeTable;
import kz.btcom.fs.featurecode.FeatureOperation;
import kz.btcom.fs.featurecode.PromptChoice;
import kz.btcom.fs.tables.ConfigException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code feature-codes.yaml} into the typed table; every problem names the file and the key. */
public final class FeatureCodesReader {

    private FeatureCodesReader() {
    }

    /**
     * @param baseDir where WAV prompts are relative to; empty for the built-in table, which can only name tones
     */
    public static FeatureCodeSettings read(String source, byte[] yaml, Optional<Path> baseDir)
            throws ConfigException {
        ConfigSection root = ConfigSection.root(new ConfigLayers(source, YamlDocument.parse(source, yaml)));
        FeatureCodeTable table = table(root.section("codes"));
        ConfigSection prompts = root.section("prompts");
        FeatureCodeSettings settings = new FeatureCodeSettings(table,
                prompt(prompts, "positive", baseDir), prompt(prompts, "negative", baseDir));
        prompts.rejectUnknownKeys();
        root.rejectUnknownKeys();
        return settings;
    }

    private static FeatureCodeTable table(ConfigSection codes) throws ConfigException {
        List<FeatureCodeTable.Entry> entries = new ArrayList<>();
        Map<String, ConfigSection> services = new LinkedHashMap<>();
        for (FeatureOperation operation : FeatureOperation.values()) {
            String[] key = operation.key().split("\\.");
            ConfigSection service = services.get(key[0]);
            if (service == null && !services.containsKey(key[0])) {
                service = codes.optionalSection(key[0]).orElse(null);
                services.put(key[0], service);
            }
            if (service == null) {
                continue;
            }
            Optional<String> code = service.optionalText(key[1]);
            if (code.isEmpty()) {
                continue;
            }
            CodePattern pattern;
            try {
                pattern = CodePattern.parse(code.get());
            } catch (IllegalArgumentException e) {
                throw service.problemAt(key[1], e.getMessage());
            }
            if (!pattern.placeholders().equals(operation.placeholders())) {
                throw service.problemAt(key[1], "\"" + code.get() + "\" must have "
                        + (operation.placeholders().isEmpty() ? "no placeholders"
                        : "the placeholders " + String.join(", ", operation.placeholders()) + " in this order"));
            }
            entries.add(new FeatureCodeTable.Entry(pattern, operation));
        }
        for (ConfigSection service : services.values()) {
            if (service != null) {
                service.rejectUnknownKeys();
            }
        }
        codes.rejectUnknownKeys();
        try {
            return new FeatureCodeTable(entries);
        } catch (IllegalArgumentException e) {
            throw codes.problemAt(e.getMessage().substring(0, e.getMessage().indexOf(':')),
                    e.getMessage().substring(e.getMessage().indexOf(':') + 2));
        }
    }

    private static PromptChoice prompt(ConfigSection prompts, String key, Optional<Path> baseDir)
            throws ConfigException {
        String value = prompts.text(key);
        if (value.equals("tone")) {
            return PromptChoice.TONE;
        }
        if (baseDir.isEmpty()) {
            throw prompts.problemAt(key, "\"" + value + "\": the built-in table can only say tone");
        }
        Path file;
        try {
            file = baseDir.get().resolve(value);
        } catch (InvalidPathException e) {
            throw prompts.problemAt(key, "\"" + value + "\" is not tone or a path: " + e.getReason());
        }
        if (!Files.isReadable(file)) {
            throw prompts.problemAt(key, file + " is not a readable file (or write tone)");
        }
        return new PromptChoice.WavFile(file);
    }
}
