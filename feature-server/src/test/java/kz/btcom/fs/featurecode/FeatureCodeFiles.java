package kz.btcom.fs.featurecode;

import kz.btcom.fs.tables.ConfigException;
import kz.btcom.fs.config.FeatureCodesReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The shipped config/feature-codes.yaml, read as the server reads it. */
public final class FeatureCodeFiles {

    public static final Path SHIPPED = Path.of("..", "config", "feature-codes.yaml");

    private FeatureCodeFiles() {
    }

    public static FeatureCodeSettings shipped() {
        try {
            return FeatureCodesReader.read(SHIPPED.toString(), Files.readAllBytes(SHIPPED),
                    Optional.of(SHIPPED.getParent()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
