package kz.btcom.fs.media;

/**
 * Hears how the conference mixer keeps time, for monitoring. Called on a media thread once per mixing run (from
 * each of them, when there are several): it must return at once (record a number, no I/O).
 */
@FunctionalInterface
public interface MixerObserver {

    MixerObserver NONE = nanos -> { };

    /** How long after its due time a mixing tick ran, in nanoseconds (never negative). */
    void tickLateness(long nanos);
}
