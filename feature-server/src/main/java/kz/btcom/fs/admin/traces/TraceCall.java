package kz.btcom.fs.admin.traces;

import kz.btcom.fs.admin.auth.AuthenticatedRequest;

/** A trace endpoint before auditing: it answers, and says what the answer was about. */
@FunctionalInterface
interface TraceCall {

    /** May throw {@link kz.btcom.fs.admin.RequestRejected} for bad input; it is audited like any answer. */
    TraceAnswer answer(AuthenticatedRequest request);
}
