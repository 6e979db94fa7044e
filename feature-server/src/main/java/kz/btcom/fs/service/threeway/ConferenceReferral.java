package kz.btcom.fs.service.threeway;

import kz.btcom.fs.call.CallEnd;
import kz.btcom.fs.call.CallMover;
import kz.btcom.fs.call.CallParty;
import kz.btcom.fs.call.DialogReference;
import kz.btcom.fs.call.OutgoingCall;
import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.call.PlacedCallEvents;
import kz.btcom.fs.call.ReferDecision;
import kz.btcom.fs.call.ReferProgress;
import kz.btcom.fs.call.ReferRequest;
import kz.btcom.fs.call.SipIdentity;
import kz.btcom.fs.numbering.NumberingPlan;
import kz.btcom.fs.session.ReferListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The controller's REFERs to its conference (RFC 4579 5.5): each adds the party its Refer-To names. A party in a
 * call through this server (the Refer-To's Replaces names the controller's dialog with it) is moved onto the mixer
 * by a re-INVITE of its own leg, and the controller's old leg released: nothing leaves the server. Any other party
 * is called: an INVITE to it through the core, with the Replaces when there is one (RFC 3891). The REFER is
 * answered 202 at once; its NOTIFYs say how the referral went (100, then 200 or the failure; 403 when the
 * conference already has its three parties).
 */
final class ConferenceReferral implements ReferListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConferenceReferral.class);

    private final Conference conference;
    private final Conferences conferences;
    private final NumberingPlan numbering;

    ConferenceReferral(Conference conference, Conferences conferences, NumberingPlan numbering) {
        this.conference = conference;
        this.conferences = conferences;
        this.numbering = numbering;
    }

    @Override
    public ReferDecision onRefer(CallParty from, ReferRequest refer) {
        return new ReferDecision.Accept(progress -> refer(refer, progress));
    }

    private void refer(ReferRequest refer, ReferProgress progress) {
        if (conference.isEnded()) {
            progress.report(481, "Conference Over");
            return;
        }
        String number = partyNumber(refer.referTo());
        Optional<DialogReference> replaced = refer.replaces().flatMap(DialogReference::parse);
        String seatCallId = replaced.map(DialogReference::callId).orElse(conference.id() + "-" + number);
        Optional<ConferenceParty> seat;
        try {
            seat = conference.seat(number, seatCallId);
        } catch (RuntimeException e) {
            LOG.warn("conference {}: no media for {}: {}", conference.id(), number, e.toString());
            progress.report(503, "Service Unavailable");
            return;
        }
        if (seat.isEmpty()) {
            LOG.info("conference {}: REFER to {} refused: the conference has its {} parties", conference.id(),
                    refer.referTo(), Conference.MAX_PARTIES);
            progress.report(403, "Conference Full");
            return;
        }
        if (replaced.isPresent() && conferences.mover().move(replaced.get(), this::isTheController, seat.get(),
                moveReport(progress))) {
            return;
        }
        call(number, refer, seat.get(), progress);
    }

    /** The party is not in a call through this server: it is called, with the Replaces when the REFER had one. */
    private void call(String number, ReferRequest refer, ConferenceParty seat, ReferProgress progress) {
        if (!number.startsWith("+")) {
            seat.close();
            progress.report(404, "Not Found");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        refer.replaces().ifPresent(replaces -> headers.put("Replaces", replaces));
        headers.put("Referred-By", "<tel:" + conference.controllerNumber() + ">");
        try {
            // Journaled as every call the server places (charged to nobody): the core sends it through the
            // controller's originating services, and that pass charges the controller, as had it dialled.
            conferences.placer().place(new OutgoingCall(number, conference.controllerNumber(), Optional.empty(), seat,
                    headers), callReport(conferences.placedCallJournal(conference.controllerNumber(), number,
                    numbering.classify(number, numbering.areaOf(conference.controllerNumber()))), progress));
        } catch (RuntimeException e) {
            LOG.info("conference {}: cannot call {}: {}", conference.id(), number, e.toString());
            seat.close();
            progress.report(503, "Service Unavailable");
        }
    }

    private static CallMover.MoveEvents moveReport(ReferProgress progress) {
        return new CallMover.MoveEvents() {
            @Override
            public void onMoved() {
                progress.report(200, "OK");
            }

            @Override
            public void onFailed(int status) {
                progress.report(status, reasonOf(status));
            }
        };
    }

    /** The placed call's events: the journal hears each first, then the REFER's NOTIFYs report it. */
    private static PlacedCallEvents callReport(PlacedCallEvents journal, ReferProgress progress) {
        return new PlacedCallEvents() {
            @Override
            public void onPlaced(PlacedCall call) {
                journal.onPlaced(call);
            }

            @Override
            public void onProvisional(int status, PlacedCall call) {
                journal.onProvisional(status, call);
                if (status == 180) {
                    progress.report(180, "Ringing");
                }
            }

            @Override
            public void onAnswered(PlacedCall call) {
                journal.onAnswered(call);
                progress.report(200, "OK");
            }

            @Override
            public void onFailed(int status, PlacedCall call) {
                journal.onFailed(status, call);
                progress.report(status, reasonOf(status));
            }

            @Override
            public void onEnded(CallEnd end) {
                journal.onEnded(end);
            }
        };
    }

    /** RFC 3891 6: only a party of the named dialog may have it replaced; here, only the controller's own calls. */
    private boolean isTheController(SipIdentity party) {
        return numbering.toE164(party.user()).filter(conference.controllerNumber()::equals).isPresent();
    }

    /** The party's number, E.164 when the Refer-To names one in any form a subscriber dials. */
    private String partyNumber(String referTo) {
        String user = referTo;
        int colon = user.indexOf(':');
        user = colon >= 0 ? user.substring(colon + 1) : user;
        int at = user.indexOf('@');
        user = at >= 0 ? user.substring(0, at) : user;
        int semicolon = user.indexOf(';');
        user = semicolon >= 0 ? user.substring(0, semicolon) : user;
        String dialled = user;
        return numbering.normalise(dialled, numbering.areaOf(conference.controllerNumber()))
                .map(c -> c.e164OrShortCode()).orElse(dialled);
    }

    static String reasonOf(int status) {
        return switch (status) {
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 480 -> "Temporarily Unavailable";
            case 481 -> "Call/Transaction Does Not Exist";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 491 -> "Request Pending";
            case 503 -> "Service Unavailable";
            case 603 -> "Decline";
            default -> status < 300 ? "OK" : "Failed";
        };
    }
}
