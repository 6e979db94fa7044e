package kz.btcom.fs.service.wiring;

import kz.btcom.fs.service.OwnCalls;
import kz.btcom.fs.service.callreturn.LastCallers;
import kz.btcom.fs.service.mcid.MaliciousCallStore;
import kz.btcom.fs.service.mcid.TrunkTable;
import kz.btcom.fs.service.waiting.CallsInProgress;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the services of issue 6 remember of calls: who is in which call now (busy, call waiting), each
 * subscriber's last incoming call (last-caller return, malicious-call identification), the malicious-call
 * records with the thread that writes them, the IP trunks that name a call's origin, and the calls the server
 * placed itself (which come back to their callee as calls like any other).
 */
public record CallHistory(CallsInProgress calls, LastCallers lastCallers, MaliciousCallStore maliciousCalls,
                          Executor recordWriter, TrunkTable trunks, OwnCalls ownCalls) {
    public CallHistory {
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(lastCallers, "lastCallers");
        Objects.requireNonNull(maliciousCalls, "maliciousCalls");
        Objects.requireNonNull(recordWriter, "recordWriter");
        Objects.requireNonNull(trunks, "trunks");
        Objects.requireNonNull(ownCalls, "ownCalls");
    }
}
