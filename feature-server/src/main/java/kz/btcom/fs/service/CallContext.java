package kz.btcom.fs.service;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.sessioncase.ServedCase;

import java.util.Objects;

/** What a service sees of a new call: the call, and whose services are running in which session case. */
public record CallContext(CallSetup setup, ServedCase servedCase) {

    public CallContext {
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(servedCase, "servedCase");
    }

    public SessionCase sessionCase() {
        return servedCase.sessionCase();
    }

    public SipIdentity servedUser() {
        return servedCase.servedUser();
    }

    public String callId() {
        return setup.callId();
    }
}
