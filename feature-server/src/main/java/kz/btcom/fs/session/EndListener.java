package kz.btcom.fs.session;

import kz.btcom.fs.call.CallEnd;

/**
 * What a service does when the call is over, whatever ended it: the caller or the callee hung up
 * ({@link CallEnd#releasedBy()}), the call was refused, it timed out, the server stopped. Heard exactly once.
 */
@FunctionalInterface
public interface EndListener {

    void onEnded(CallEnd end);
}
