package kz.btcom.fs.session;

import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferRequest;

/**
 * An in-dialog REFER from one party of the call (a transfer): the service lets it be relayed to the other party
 * ({@link ReferDecision#RELAY}) or refuses it; the first refusal wins.
 */
@FunctionalInterface
public interface ReferListener {

    ReferDecision onRefer(CallParty from, ReferRequest refer);
}
