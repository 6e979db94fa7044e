package kz.btcom.fs.featurecode;

/** What the subscriber hears after a feature code: it worked / the service is on, or it did not / is off. */
public enum Indication {
    POSITIVE,
    NEGATIVE
}
