package kz.btcom.fs.featurecode;

import java.util.Objects;

/** {@code config/feature-codes.yaml}, read and checked: the code table and what each indication sounds like. */
public record FeatureCodeSettings(FeatureCodeTable table, PromptChoice positive, PromptChoice negative) {
    public FeatureCodeSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(negative, "negative");
    }
}
