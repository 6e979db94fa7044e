package kz.btcom.fs.config;

import kz.btcom.fs.featurecode.FeatureCodeSettings;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.service.mcid.TrunkTable;
import kz.btcom.fs.numbering.NumberingPlan;

import java.util.Objects;

/**
 * The tables the services run on, each its own file in {@code config/}: the numbering plan, the feature codes and
 * the tariffs, the IP trunks.
 *
 * @param numberingSource    where the numbering plan came from (a file, or "built-in"), for the start-up log
 * @param featureCodesSource likewise for the feature codes
 */
public record Tables(NumberingPlan numbering, String numberingSource, FeatureCodeSettings featureCodes,
                     String featureCodesSource, Tariffs tariffs, String tariffsSource, TrunkTable trunks,
                     String trunksSource) {
    public Tables {
        Objects.requireNonNull(numbering, "numbering");
        Objects.requireNonNull(numberingSource, "numberingSource");
        Objects.requireNonNull(featureCodes, "featureCodes");
        Objects.requireNonNull(featureCodesSource, "featureCodesSource");
        Objects.requireNonNull(tariffs, "tariffs");
        Objects.requireNonNull(tariffsSource, "tariffsSource");
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(trunksSource, "trunksSource");
    }
}
