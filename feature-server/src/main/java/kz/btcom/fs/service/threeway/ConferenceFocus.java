package kz.btcom.fs.service.threeway;

import kz.btcom.fs.call.CallDecision;
import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.service.CallsToTheServer;
import kz.btcom.fs.session.SessionCall;
import kz.btcom.fs.sessioncase.ServedSubscribers;
import kz.btcom.fs.subscriber.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * The server as a conference focus (TS 24.605, RFC 4579), for the calls addressed to it rather than to a number:
 * an INVITE to the conference factory URI from a subscriber with three-way calling creates a conference and is
 * answered by it (the 200's Contact is the conference URI with {@code ;isfocus}); the controller then adds the
 * parties by REFER to it ({@link ConferenceReferral}); an INVITE to a conference URI joins that conference.
 * A call addressed to the focus is not a call to a number: no originating or terminating chain runs on it.
 */
public final class ConferenceFocus implements CallsToTheServer {

    private static final Logger LOG = LoggerFactory.getLogger(ConferenceFocus.class);

    private final FocusAddresses addresses;
    private final Conferences conferences;
    private final ServedSubscribers subscribers;
    private final NumberingPlan numbering;

    public ConferenceFocus(FocusAddresses addresses, Conferences conferences, ServedSubscribers subscribers,
                           NumberingPlan numbering) {
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.conferences = Objects.requireNonNull(conferences, "conferences");
        this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
        this.numbering = Objects.requireNonNull(numbering, "numbering");
    }

    /** What becomes of a call addressed to the focus; empty for every other call. */
    @Override
    public Optional<CallDecision> decide(SessionCall call) {
        CallSetup setup = call.setup();
        if (addresses.isFactory(setup.called())) {
            return Optional.of(create(call, setup));
        }
        if (addresses.isConference(setup.called())) {
            return Optional.of(join(setup));
        }
        return Optional.empty();
    }

    private CallDecision create(SessionCall call, CallSetup setup) {
        Optional<Subscriber> controller = subscribers.profileOf(setup.caller());
        if (controller.isEmpty() || !controller.get().services().threeWay()) {
            LOG.info("call {}: {} asked for a conference without three-way calling: 403", setup.callId(),
                    setup.caller().user());
            return new CallDecision.Reject(403, "Three-Way Calling Not Subscribed");
        }
        if (controller.get().isSuspended()) {
            LOG.info("call {}: {} asked for a conference on a suspended line: 403", setup.callId(),
                    controller.get().number());
            return new CallDecision.Reject(403, "Line Suspended");
        }
        Conference conference;
        ConferenceParty seat;
        try {
            conference = conferences.create(controller.get().number());
            seat = conference.seatController(setup.callId());
        } catch (RuntimeException e) {
            LOG.warn("call {}: no conference for {}: {}", setup.callId(), controller.get().number(), e.toString());
            return new CallDecision.Reject(503, "Service Unavailable");
        }
        call.addReferListener(new ConferenceReferral(conference, conferences, numbering));
        LOG.info("call {}: conference {} for {}", setup.callId(), conference.id(), controller.get().number());
        return new CallDecision.Answer(seat, Optional.of(conference.id()));
    }

    /** A party calls the conference URI itself (RFC 4579 5.2): it joins while there is a seat. */
    private CallDecision join(CallSetup setup) {
        Optional<Conference> conference = conferences.find(setup.called().user());
        if (conference.isEmpty()) {
            return new CallDecision.Reject(404, "No Such Conference");
        }
        String number = numbering.toE164(setup.caller().user()).orElse(setup.caller().user());
        try {
            return conference.get().seat(number, setup.callId())
                    .<CallDecision>map(seat -> new CallDecision.Answer(seat, Optional.of(conference.get().id())))
                    .orElseGet(() -> new CallDecision.Reject(486, "Conference Full"));
        } catch (RuntimeException e) {
            LOG.warn("call {}: no seat in conference {}: {}", setup.callId(), conference.get().id(), e.toString());
            return new CallDecision.Reject(503, "Service Unavailable");
        }
    }
}
