package kz.btcom.fs.config;

import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.featurecode.FeatureCodeSettings;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.mcid.TrunkTable;
import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.tables.TableText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the table files the main file names ({@code numberingPlan:}, {@code featureCodes:}). A name given in a
 * file is relative to that file's directory, one given by an option or the environment to the working directory;
 * the built-in defaults name the copies inside the jar.
 */
final class TableFiles {

    /** A table file as the configuration named it. @param source the layer that named it */
    record Reference(String key, String name, String source) {
    }

    private static final String NUMBERING_RESOURCE = "/kz/btcom/fs/numbering/numbering.yaml";
    private static final String FEATURE_CODES_RESOURCE = "/kz/btcom/fs/featurecode/feature-codes.yaml";
    private static final String TARIFFS_RESOURCE = Tariffs.RESOURCE;

    private TableFiles() {
    }

    static Tables load(Reference numbering, Reference featureCodes, Reference tariffs, Reference trunks,
                       Path workingDir)
            throws ConfigException {
        Optional<Path> numberingFile = locate(numbering, workingDir);
        Optional<Path> featureCodesFile = locate(featureCodes, workingDir);
        String numberingSource = numberingFile.map(Path::toString).orElse("built-in " + numbering.name());
        String featureCodesSource = featureCodesFile.map(Path::toString).orElse("built-in " + featureCodes.name());
        NumberingPlan plan = NumberingPlan.parse(text(numbering, numberingFile, NUMBERING_RESOURCE), numberingSource);
        FeatureCodeSettings codes = FeatureCodesReader.read(featureCodesSource,
                bytes(featureCodes, featureCodesFile, FEATURE_CODES_RESOURCE),
                featureCodesFile.map(f -> f.toAbsolutePath().getParent()));
        Optional<Path> tariffsFile = locate(tariffs, workingDir);
        String tariffsSource = tariffsFile.map(Path::toString).orElse("built-in " + tariffs.name());
        Tariffs rates = Tariffs.parse(text(tariffs, tariffsFile, TARIFFS_RESOURCE), tariffsSource);
        Optional<Path> trunksFile = locate(trunks, workingDir);
        String trunksSource = trunksFile.map(Path::toString).orElse("built-in " + trunks.name());
        TrunkTable trunkTable = TrunkTable.parse(text(trunks, trunksFile, TrunkTable.RESOURCE), trunksSource);
        return new Tables(plan, numberingSource, codes, featureCodesSource, rates, tariffsSource, trunkTable,
                trunksSource);
    }

    /** The file, or empty for the copy inside the jar. */
    static Optional<Path> locate(Reference reference, Path workingDir) throws ConfigException {
        if (reference.source().equals(ConfigLoader.DEFAULTS_SOURCE)) {
            return Optional.empty();
        }
        Path base = reference.source().startsWith("environment variable") || reference.source().startsWith("--")
                ? workingDir
                : Optional.ofNullable(Path.of(reference.source()).getParent()).orElse(workingDir);
        Path file;
        try {
            file = base.resolve(reference.name());
        } catch (InvalidPathException e) {
            throw new ConfigException(reference.source(), reference.key(), "\"" + reference.name()
                    + "\" is not a path: " + e.getReason());
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(reference.source(), reference.key(), file + " does not exist or cannot be read");
        }
        return Optional.of(file);
    }

    private static String text(Reference reference, Optional<Path> file, String resource) throws ConfigException {
        return new String(bytes(reference, file, resource), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Reference reference, Optional<Path> file, String resource) throws ConfigException {
        if (file.isPresent()) {
            try {
                return Files.readAllBytes(file.get());
            } catch (IOException e) {
                throw new ConfigException(reference.source(), reference.key(), "cannot read " + file.get() + ": "
                        + e.getMessage());
            }
        }
        return TableText.builtIn(resource);
    }
}
