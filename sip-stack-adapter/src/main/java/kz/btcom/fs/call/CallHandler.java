package kz.btcom.fs.call;

/**
 * The feature server's side of the B2BUA, for calls that arrive. Called on the call's own lane: one call's events
 * run one at a time, and nothing here may block (store reads come from a cache, writes are asynchronous).
 */
public interface CallHandler {

    /** A new call arrived: decide what happens to it, and name who hears the rest of it. */
    CallStart onNewCall(CallSetup setup);
}
