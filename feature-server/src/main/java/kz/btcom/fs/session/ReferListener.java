package kz.btcom.fs.session;

import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;

/**
 * An in-dialog REFER from one party of the call (a transfer): the service lets it be relayed to the other party
 * ({@link ReferDecision#RELAY}), refuses it, or takes it itself (a conference focus adding a party); the first that
 * does not relay it wins.
 */
@FunctionalInterface
public interface ReferListener {

    ReferDecision onRefer(CallParty from, ReferRequest refer);
}
