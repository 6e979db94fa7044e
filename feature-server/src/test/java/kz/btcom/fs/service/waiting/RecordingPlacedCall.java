package kz.btcom.fs.service.waiting;

import kz.btcom.fs.call.PlacedCall;
import kz.btcom.fs.service.OwnCalls;

/** A call this node has placed and not ended, known to {@link OwnCalls} by its charging identifier. */
record RecordingPlacedCall(String icid) implements PlacedCall {

    void placeTrackedBy(OwnCalls ownCalls) {
        ownCalls.tracking(kz.btcom.fs.call.PlacedCallEvents.NONE).onPlaced(this);
    }

    @Override
    public String callId() {
        return "placed-" + icid;
    }

    @Override
    public void cancel() {
    }

    @Override
    public void hangUp() {
    }
}
