package kz.btcom.fs.service;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.session.SessionCall;

import java.util.Optional;

/**
 * Calls addressed to the server itself rather than to a number (a conference focus's factory or conference URI):
 * they are decided before any chain, whoever's services would otherwise apply.
 */
@FunctionalInterface
public interface CallsToTheServer {

    CallsToTheServer NONE = call -> Optional.empty();

    /** What becomes of the call; empty when it is not addressed to the server. */
    Optional<CallDecision> decide(SessionCall call);
}
