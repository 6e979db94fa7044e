package kz.btcom.fs.sessioncase;

import kz.btcom.fs.call.SessionCase;
import kz.btcom.fs.call.SipIdentity;

import java.util.Objects;

/** One set of services to run for a call: the session case and the subscriber it serves. */
public record ServedCase(SessionCase sessionCase, SipIdentity servedUser) {
    public ServedCase {
        Objects.requireNonNull(sessionCase, "sessionCase");
        Objects.requireNonNull(servedUser, "servedUser");
    }
}
