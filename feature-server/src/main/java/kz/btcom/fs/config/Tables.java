package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.FeatureCodeSettings;
import kz.btcom.fs.numbering.NumberingPlan;

import java.util.Objects;

/**
 * The tables the services run on, each its own file in {@code config/}: the numbering plan and the feature codes.
 *
 * @param numberingSource    where the numbering plan came from (a file, or "built-in"), for the start-up log
 * @param featureCodesSource likewise for the feature codes
 */
public record Tables(NumberingPlan numbering, String numberingSource, FeatureCodeSettings featureCodes,
                     String featureCodesSource) {
    public Tables {
        Objects.requireNonNull(numbering, "numbering");
        Objects.requireNonNull(numberingSource, "numberingSource");
        Objects.requireNonNull(featureCodes, "featureCodes");
        Objects.requireNonNull(featureCodesSource, "featureCodesSource");
    }
}
