package kz.btcom.fs.service.clip;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.Presentation;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.subscriber.Subscriber;
import kz.btcom.fs.subscriber.SubscriberDirectory;

import java.util.Objects;
import java.util.Optional;

/**
 * Who the caller is and whether it may be shown (TS 24.607): restricted when it asked for privacy itself
 * ({@code Privacy: id}, header or user), when it came in anonymous, or when it is a subscriber here with CLIR.
 * The real identity stays in the {@link CallSetup} for the server's own use (last-caller return, malicious-call
 * records); this only decides what the callee's leg carries.
 */
public final class CallerIdentity {

    private final NumberingPlan numbering;
    private final SubscriberDirectory subscribers;

    public CallerIdentity(NumberingPlan numbering, SubscriberDirectory subscribers) {
        this.numbering = Objects.requireNonNull(numbering, "numbering");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
    }

    /** The caller's number in E.164, when it has one. */
    public Optional<String> number(CallSetup setup) {
        return setup.caller().isAnonymous() ? Optional.empty() : numbering.toE164(setup.caller().user());
    }

    public boolean isRestricted(CallSetup setup) {
        if (setup.privacy().restrictsIdentity() || setup.caller().isAnonymous()) {
            return true;
        }
        return number(setup).flatMap(subscribers::profile).map(CallerIdentity::hasClir).orElse(false);
    }

    /**
     * What a callee is shown: the caller's number when the callee may see it (CLIP, or a callee elsewhere whose
     * own network decides) and the caller allows it, else nothing at all.
     */
    public Presentation towards(CallSetup setup, boolean calleeMayShowIt) {
        if (!calleeMayShowIt || isRestricted(setup)) {
            return Presentation.ANONYMOUS;
        }
        return number(setup).<Presentation>map(Presentation::identified).orElse(Presentation.AS_RECEIVED);
    }

    private static boolean hasClir(Subscriber subscriber) {
        return subscriber.services().clir();
    }
}
