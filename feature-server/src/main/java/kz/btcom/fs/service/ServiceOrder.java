package kz.btcom.fs.service;

import kz.btcom.fs.call.CallHandler;
import kz.btcom.fs.featurecode.FeatureCodeService;
import kz.btcom.fs.featurecode.ProfileChange;
import kz.btcom.fs.service.barring.OutgoingBarringService;
import kz.btcom.fs.service.clip.CallerIdentity;
import kz.btcom.fs.service.clip.ClipService;
import kz.btcom.fs.service.clip.ClirService;
import kz.btcom.fs.service.forwarding.Diverter;
import kz.btcom.fs.service.forwarding.ForwardingService;
import kz.btcom.fs.service.callreturn.IncomingCalls;
import kz.btcom.fs.service.callreturn.LastCallerRecording;
import kz.btcom.fs.service.mcid.CallOrigins;
import kz.btcom.fs.service.mcid.InCallFlagging;
import kz.btcom.fs.service.mcid.MaliciousCallReports;
import kz.btcom.fs.service.waiting.CallWaitingService;
import kz.btcom.fs.service.waiting.OutgoingCallRegistration;
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
 *     run after it, on the number called back.</li>
 * </ul>
 */
public final class ServiceOrder {

    private ServiceOrder() {
    }

    /** The services' handler of new calls, in the order above, with the bookkeeping of calls around it. */
    public static CallHandler handler(ServiceEnvironment environment, ServedSubscribers subscribers) {
        CallHistory history = environment.history();
        MaliciousCallReports maliciousCalls = maliciousCallReports(environment);
        InCallFlagging flagging = new InCallFlagging(environment.featureCodes(), history.calls(),
                environment.subscribers(), incomingCalls(environment), maliciousCalls);
        return new CallTracking(new ServiceChainCallHandler(subscribers, chains(environment, maliciousCalls),
                        new DialledNumbers(environment.numbering())),
                history.calls(), history.lastCallers(), flagging);
    }

    public static ServiceChains chains(ServiceEnvironment environment) {
        return chains(environment, maliciousCallReports(environment));
    }

    private static ServiceChains chains(ServiceEnvironment environment, MaliciousCallReports maliciousCalls) {
        CallHistory history = environment.history();
        CallerIdentity callers = new CallerIdentity(environment.numbering(), environment.subscribers());
        TerminatingServices onwardTargets = new TerminatingServices(environment.subscribers());
        Diverter diverter = new Diverter(environment.numbering(), onwardTargets, callers);
        List<CallService> originating = List.of(
                new FeatureCodeService(environment.featureCodes(), new ProfileChange(environment.numbering()),
                        environment.subscribers(), environment.confirmations(), environment.clock(),
                        environment.journal(), history.lastCallers(), maliciousCalls),
                new OutgoingBarringService(environment.numbering(), environment.refusals(), environment.journal(),
                        environment.clock()),
                new ClirService(environment.numbering()),
                new OutgoingCallRegistration(history.calls()));
        List<CallService> terminating = List.of(
                new ClipService(callers),
                new ForwardingService(diverter),
                new LastCallerRecording(history.lastCallers(), incomingCalls(environment)),
                new CallWaitingService(history.calls(), diverter));
        ServiceChains chains = ServiceChains.of(originating, terminating);
        onwardTargets.bind(chains.terminating());
        return chains;
    }

    private static IncomingCalls incomingCalls(ServiceEnvironment environment) {
        return new IncomingCalls(new CallerIdentity(environment.numbering(), environment.subscribers()),
                environment.numbering(), new CallOrigins(environment.history().trunks()));
    }

    private static MaliciousCallReports maliciousCallReports(ServiceEnvironment environment) {
        CallHistory history = environment.history();
        return new MaliciousCallReports(history.maliciousCalls(), history.lastCallers(), history.calls(),
                environment.journal(), environment.clock(), history.recordWriter());
    }
}
