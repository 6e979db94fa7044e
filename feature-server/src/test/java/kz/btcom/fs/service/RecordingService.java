package kz.btcom.fs.service;

import java.util.List;

/**
 * A service for tests: notes that it ran (and for whom) in a shared log, and returns a fixed outcome; with no
 * outcome it goes on with the leg it was given.
 */
record RecordingService(String name, ServiceOutcome outcome, List<String> log) implements CallService {

    static RecordingService continuing(String name, List<String> log) {
        return new RecordingService(name, null, log);
    }

    @Override
    public ServiceOutcome onNewCall(CallContext call) {
        log.add(name + " for " + call.servedUser().user());
        return outcome == null ? call.proceed() : outcome;
    }
}
