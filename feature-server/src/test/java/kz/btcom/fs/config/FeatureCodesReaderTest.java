package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.FeatureCodeSettings;
import kz.btcom.fs.featurecode.FeatureOperation;
import kz.btcom.fs.featurecode.PromptChoice;
import kz.btcom.fs.tables.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** config/feature-codes.yaml: the shipped table is complete, and a broken one names the file and the key. */
class FeatureCodesReaderTest {

    private static final String SOURCE = "config/feature-codes.yaml";

    @TempDir
    Path dir;

    private static FeatureCodeSettings read(String yaml, Optional<Path> baseDir) throws ConfigException {
        return FeatureCodesReader.read(SOURCE, yaml.getBytes(StandardCharsets.UTF_8), baseDir);
    }

    private String error(String yaml) {
        return assertThrows(ConfigException.class, () -> read(yaml, Optional.of(dir))).getMessage();
    }

    @Test
    void theShippedTableHasACodeForEveryOperationAndPlaysTones() throws Exception {
        Path shipped = Path.of("..", "config", "feature-codes.yaml");
        FeatureCodeSettings settings = FeatureCodesReader.read(shipped.toString(), Files.readAllBytes(shipped),
                Optional.empty());

        assertEquals(FeatureOperation.values().length, settings.table().entries().size());
        assertEquals(PromptChoice.TONE, settings.positive());
        assertEquals(PromptChoice.TONE, settings.negative());
    }

    @Test
    void aCodeWithoutThePlaceholdersItsOperationNeedsIsRefused() {
        assertEquals(SOURCE + ": codes.forwardBusy.activate: \"*22#\" must have the placeholders N in this order",
                error("codes: {forwardBusy: {activate: \"*22#\"}}\nprompts: {positive: tone, negative: tone}"));
        assertEquals(SOURCE + ": codes.callWaiting.check: \"*#43*N#\" must have no placeholders",
                error("codes: {callWaiting: {check: \"*#43*N#\"}}\nprompts: {positive: tone, negative: tone}"));
    }

    @Test
    void anUnquotedOrMisspeltCodeIsNamed() {
        assertEquals(SOURCE + ": codes.callWaiting.activate: \"43#\" does not start with * or #",
                error("codes: {callWaiting: {activate: \"43#\"}}\nprompts: {positive: tone, negative: tone}"));
        assertEquals(SOURCE + ": codes.callWaiting.activte: unknown key (expected one of: activate, deactivate, check)",
                error("codes: {callWaiting: {activte: \"*43#\"}}\nprompts: {positive: tone, negative: tone}"));
        String unknownService = error("codes: {callWaitin: {activate: \"*43#\"}}\nprompts: {positive: tone, negative: tone}");
        assertEquals(true, unknownService.startsWith(SOURCE + ": codes.callWaitin: unknown key"), unknownService);
    }

    @Test
    void twoOperationsWithTheSameCodeAreRefused() {
        assertEquals(SOURCE + ": codes.callWaiting.deactivate: \"*43#\" is the same code as callWaiting.activate (\"*43#\")",
                error("codes: {callWaiting: {activate: \"*43#\", deactivate: \"*43#\"}}\n"
                        + "prompts: {positive: tone, negative: tone}"));
    }

    @Test
    void aPromptIsToneOrAReadableWavFileNextToTheTable() throws IOException, ConfigException {
        Files.write(dir.resolve("done.wav"), new byte[44]);
        FeatureCodeSettings settings = read("codes: {}\nprompts: {positive: done.wav, negative: tone}", Optional.of(dir));
        assertEquals(new PromptChoice.WavFile(dir.resolve("done.wav")), settings.positive());

        assertEquals(SOURCE + ": prompts.negative: " + dir.resolve("missing.wav")
                        + " is not a readable file (or write tone)",
                error("codes: {}\nprompts: {positive: tone, negative: missing.wav}"));
    }
}
