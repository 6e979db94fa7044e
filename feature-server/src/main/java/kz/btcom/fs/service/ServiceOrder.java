package kz.btcom.fs.service;

import kz.btcom.fs.featurecode.FeatureCodeService;
import kz.btcom.fs.featurecode.ProfileChange;
import kz.btcom.fs.service.barring.OutgoingBarringService;
import kz.btcom.fs.service.clip.CallerIdentity;
import kz.btcom.fs.service.clip.ClipService;
import kz.btcom.fs.service.clip.ClirService;
import kz.btcom.fs.service.forwarding.Diverter;
import kz.btcom.fs.service.forwarding.ForwardingService;

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
 * <li>unconditional forwarding comes before anything that looks at whether the callee is busy.</li>
 * </ul>
 */
public final class ServiceOrder {

    private ServiceOrder() {
    }

    public static ServiceChains chains(ServiceEnvironment environment) {
        CallerIdentity callers = new CallerIdentity(environment.numbering(), environment.subscribers());
        TerminatingServices onwardTargets = new TerminatingServices(environment.subscribers());
        Diverter diverter = new Diverter(environment.numbering(), onwardTargets, callers);
        List<CallService> originating = List.of(
                new FeatureCodeService(environment.featureCodes(), new ProfileChange(environment.numbering()),
                        environment.subscribers(), environment.confirmations(), environment.clock(),
                        environment.journal()),
                new OutgoingBarringService(environment.numbering(), environment.refusals(), environment.journal(),
                        environment.clock()),
                new ClirService(environment.numbering()));
        List<CallService> terminating = List.of(
                new ClipService(callers),
                new ForwardingService(diverter)
                // busy / call waiting, record last caller: to come
        );
        ServiceChains chains = ServiceChains.of(originating, terminating);
        onwardTargets.bind(chains.terminating());
        return chains;
    }
}
