package kz.btcom.fs.service.forwarding;

import kz.btcom.fs.call.CalleeEvents;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.call.OnwardLeg;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.CallContext;
import kz.btcom.fs.service.ServiceOutcome;
import kz.btcom.fs.service.TerminatingServices;
import kz.btcom.fs.service.barring.BarringPolicy;
import kz.btcom.fs.service.clip.CallerIdentity;
import kz.btcom.fs.subscriber.ForwardingKind;
import kz.btcom.fs.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a call on to a subscriber's forwarding target (TS 24.604), or says why not. Not done, and the call goes
 * on as if that forwarding were not set (the callee is offered the call, or its failure reaches the caller):
 * when the call has been diverted {@value #MAX_DIVERSIONS} times already; when the target was already tried in
 * this call (a loop ends with the last response, not a storm); when the forwarding line is suspended; when the
 * forwarding line's own barring bars the target, since the forwarded leg is its outgoing call.
 */
public final class Diverter {

    private static final Logger log = LoggerFactory.getLogger(Diverter.class);

    public static final int MAX_DIVERSIONS = 5;

    private final NumberingPlan numbering;
    private final TerminatingServices terminating;
    private final CallerIdentity callers;

    public Diverter(NumberingPlan numbering, TerminatingServices terminating, CallerIdentity callers) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.terminating = Objects.requireNonNull(terminating, "terminating");
        this.callers = Objects.requireNonNull(callers, "callers");
    }

    /**
     * The call, on the leg it has now, diverted by {@code from} on {@code kind}, offered to the target's own terminating services when
     * the target is a subscriber here; empty when this forwarding is not to be done.
     */
    public Optional<ServiceOutcome> divert(CallContext call, Subscriber from, ForwardingKind kind) {
        CallSetup setup = call.setup();
        OnwardLeg leg = call.leg();
        if (!from.services().forwarding().subscribed()) {
            return Optional.empty();
        }
        Optional<String> target = from.services().forwarding().target(kind);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String to = target.get();
        String skipped = reasonNotToDivert(setup, leg, from, to);
        if (skipped != null) {
            log.info("call {}: {} forwarding {} of {} to {} not done: {}", setup.callId(), kind, from.number(), to,
                    skipped);
            return Optional.empty();
        }
        List<Diversion> diversions = new ArrayList<>(leg.diversions());
        diversions.add(new Diversion(from.number(), to, reasonOf(kind)));
        OnwardLeg diverted = leg.withTarget(to).withDiversions(diversions).withEvents(CalleeEvents.NONE)
                // A target elsewhere sees what the caller allows; a target here gets its own CLIP decide again.
                .withPresentation(callers.towards(setup, true));
        log.debug("call {}: {} forwarding: {} -> {} (diversion {})", setup.callId(), kind, from.number(), to,
                diversions.size());
        return Optional.of(terminating.offerTo(call, diverted, to));
    }

    private String reasonNotToDivert(CallSetup setup, OnwardLeg leg, Subscriber from, String to) {
        if (leg.diversions().size() >= MAX_DIVERSIONS) {
            return "the call has been diverted " + MAX_DIVERSIONS + " times already";
        }
        if (triedIn(setup, leg).contains(to)) {
            return "already tried in this call (a loop)";
        }
        if (from.isSuspended()) {
            return "the forwarding line is suspended";
        }
        NumberClass numberClass = numbering.classify(to, numbering.areaOf(from.number()));
        if (from.services().barring().subscribed()
                && BarringPolicy.bars(from.services().barring().level(), numberClass)) {
            return "the forwarding line's barring level " + from.services().barring().level() + " bars "
                    + numberClass.jsonName() + " numbers";
        }
        return null;
    }

    /** Every number this call has been offered to: the number dialled and each diversion's ends. */
    private Set<String> triedIn(CallSetup setup, OnwardLeg leg) {
        Set<String> tried = new HashSet<>();
        numbering.toE164(setup.called().user()).ifPresent(tried::add);
        for (Diversion diversion : leg.diversions()) {
            tried.add(diversion.from());
            tried.add(diversion.to());
        }
        return tried;
    }

    private static DiversionReason reasonOf(ForwardingKind kind) {
        return switch (kind) {
            case UNCONDITIONAL -> DiversionReason.UNCONDITIONAL;
            case BUSY -> DiversionReason.BUSY;
            case NO_REPLY -> DiversionReason.NO_REPLY;
            case NOT_REACHABLE -> DiversionReason.NOT_REACHABLE;
        };
    }
}
