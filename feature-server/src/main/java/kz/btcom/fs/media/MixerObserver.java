package kz.btcom.fs.media;

/**
 * Hears how the conference mixer keeps time, for monitoring. Called on the media thread once per mixing run: it
 * must return at once (record a number, no I/O).
 */
@FunctionalInterface
public interface MixerObserver {

    MixerObserver NONE = nanos -> { };

    /** How long after its due time a mixing tick ran, in nanoseconds (never negative). */
    void tickLateness(long nanos);
}
