package kz.btcom.fs.session;

import kz.btcom.fs.call.CallParty;

/** An in-dialog INFO from one party of the call (DTMF keyed during the call). */
@FunctionalInterface
public interface InfoListener {

    /** @return true when the service takes it: the other party never sees it; false to let it be relayed */
    boolean onInfo(CallParty from, String contentType, String body);
}
