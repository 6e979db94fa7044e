package kz.btcom.fs.service.wiring;

import kz.btcom.fs.service.CallsToTheServer;
import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.featurecode.ProfileChange;
import kz.btcom.fs.service.CallDecider;
import kz.btcom.fs.service.CallService;
import kz.btcom.fs.service.ServiceChains;
import kz.btcom.fs.service.TerminatingServices;
import kz.btcom.fs.service.barring.OutgoingBarringService;
import kz.btcom.fs.service.callreturn.CallOrigins;
import kz.btcom.fs.service.callreturn.IncomingCalls;
import kz.btcom.fs.service.callreturn.LastCallerRecording;
import kz.btcom.fs.service.clip.CallerIdentity;
import kz.btcom.fs.service.clip.ClipService;
import kz.btcom.fs.service.clip.ClirService;
import kz.btcom.fs.service.featurecode.FeatureCodeService;
import kz.btcom.fs.service.forwarding.Diverter;
import kz.btcom.fs.service.forwarding.ForwardingService;
import kz.btcom.fs.service.journal.CallJournalist;
import kz.btcom.fs.service.mcid.InCallFlagging;
import kz.btcom.fs.service.mcid.MaliciousCallReports;
import kz.btcom.fs.service.waiting.CallWaitingService;
import kz.btcom.fs.service.waiting.OutgoingCallRegistration;
import kz.btcom.fs.service.waiting.OwnCallDelivery;
import kz.btcom.fs.sessioncase.DialledNumbers;
import kz.btcom.fs.sessioncase.ServedSubscribers;

import java.util.List;

/**
 * The order of the services: written here and nowhere else (ARCHITECTURE.md, "How a call flows"), and the
 * interactions that follow from it (each has a test in ServiceInteractionsTest):
 * <ul>
 * <li>a feature code is never a call: it comes before the line's suspension or barring;</li>
 * <li>the caller's barring and suspension come before anything of the callee's (a barred call is declined even
 *     when the callee forwards it);</li>
 * <li>the callee's CLIP decides the presentation first; a forwarding then decides it again for the target (the
 *     original caller is shown, as that target's CLIP and the caller's CLIR allow);</li>
 * <li>unconditional forwarding comes before anything that looks at whether the callee is busy;</li>
 * <li>busy and call waiting come after forwarding (PRODUCT.md: barring, then forwarding, then call waiting): a busy
 *     callee forwards on busy when set, else 486; a call that waits can still be forwarded on no reply;</li>
 * <li>a call that reaches the callee (rings, waits or finds it busy) is its last incoming call; one forwarded away
 *     unconditionally never reached it;</li>
 * <li>last-caller return is a feature code that becomes a call: the caller's barring, CLIR and line registration
 *     run after it, on the number called back;</li>
 * <li>keys of {@code *39#} are listened for on a call once it is offered to a line of ours (busy and forwarded
 *     away unconditionally: never offered);</li>
 * <li>a call the server placed itself (a wake-up call) coming back to its callee gets the callee's presentation and
 *     busy state only: never forwarded, never waiting, not a last caller, not flagged by {@code *39#}.</li>
 * </ul>
 * Each call gets a session ({@link CallSessions}), which the services add their listeners to and the billing
 * journal follows.
 */
public final class ServiceOrder {

    private ServiceOrder() {
    }

    /** The feature server's handler of new calls: a session for each, the journal on it, the services in order. */
    public static CallHandler handler(ServiceEnvironment environment, ServedSubscribers subscribers) {
        return handler(environment, subscribers, CallsToTheServer.NONE);
    }

    /**
     * @param toTheServer the calls addressed to the server itself (the conference focus of three-way calling): its
     *                    alone, before any chain
     */
    public static CallHandler handler(ServiceEnvironment environment, ServedSubscribers subscribers,
                                      CallsToTheServer toTheServer) {
        CallDecider services = new CallDecider(subscribers, chains(environment),
                new DialledNumbers(environment.numbering()), toTheServer);
        return new CallSessions(services, new CallJournalist(environment.journal(), environment.numbering(),
                environment.clock()), environment.journalTakesNewCalls());
    }

    public static ServiceChains chains(ServiceEnvironment environment) {
        CallHistory history = environment.history();
        MaliciousCallReports maliciousCalls = new MaliciousCallReports(history.maliciousCalls(),
                history.lastCallers(), history.calls(), environment.journal(), environment.clock(),
                history.recordWriter());
        CallerIdentity callers = new CallerIdentity(environment.numbering(), environment.subscribers());
        IncomingCalls incomingCalls = new IncomingCalls(callers, environment.numbering(),
                new CallOrigins(history.trunks()::trunkOf));
        TerminatingServices onwardTargets = new TerminatingServices(environment.subscribers());
        Diverter diverter = new Diverter(environment.numbering(), onwardTargets, callers);
        List<CallService> originating = List.of(
                new FeatureCodeService(environment.featureCodes(), new ProfileChange(environment.numbering()),
                        environment.subscribers(), environment.confirmations(), environment.clock(),
                        environment.journal(), history.lastCallers(), maliciousCalls, environment.wakeUpBookings()),
                new OutgoingBarringService(environment.numbering(), environment.refusals(), environment.journal(),
                        environment.clock()),
                new ClirService(environment.numbering()),
                new OutgoingCallRegistration(history.calls()));
        List<CallService> terminating = List.of(
                new ClipService(callers),
                new ForwardingService(diverter),
                new LastCallerRecording(history.lastCallers(), incomingCalls),
                new CallWaitingService(history.calls(), diverter),
                new InCallFlagging(environment.featureCodes(), environment.subscribers(), incomingCalls,
                        maliciousCalls));
        List<CallService> ownCallsTerminating = List.of(
                new ClipService(callers),
                new OwnCallDelivery(history.calls()));
        ServiceChains chains = ServiceChains.of(originating, terminating, ownCallsTerminating,
                history.ownCalls()::isOwn);
        onwardTargets.bind(chains.terminating());
        return chains;
    }
}
