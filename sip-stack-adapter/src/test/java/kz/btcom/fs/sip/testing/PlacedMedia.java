package kz.btcom.fs.sip.testing;

import kz.btcom.fs.call.LocalMedia;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The server's own media of a placed call as a test sees it: what it was asked, in order, and on which thread. Its
 * offer may be held back ({@link #holdOffer}) until the test lets it go: the call's lane is then busy with the
 * call's start, and whatever the test hands the lane meanwhile runs before any response to the INVITE.
 */
public final class PlacedMedia implements LocalMedia {

    public static final String OFFER = "v=0\r\no=fs 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
            + "t=0 0\r\nm=audio 40000 RTP/AVP 8\r\na=rtpmap:8 PCMA/8000\r\n";

    private final List<String> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private volatile Runnable hangUp;
    private volatile CountDownLatch offerGate = new CountDownLatch(0);

    /** The next offer waits until {@link #releaseOffer}; {@link #awaitEvent}("offer") says it is being asked. */
    public void holdOffer() {
        offerGate = new CountDownLatch(1);
    }

    public void releaseOffer() {
        offerGate.countDown();
    }

    @Override
    public String sdpAnswer(String sdpOffer) {
        record(sdpOffer.isEmpty() ? "offer" : "answer to " + sdpOffer);
        try {
            if (!offerGate.await(SipPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the test never released the offer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return OFFER;
    }

    @Override
    public void remoteAnswer(String sdpAnswer) {
        record(sdpAnswer.equals(Sdp.ANSWER) ? "remote answer" : "remote " + sdpAnswer);
    }

    @Override
    public void start(Runnable hangUp) {
        this.hangUp = hangUp;
        record("start");
    }

    @Override
    public void close() {
        record("close");
    }

    /** What the media's end of the call does when it is done playing: hang up. */
    public void finishPlaying() {
        hangUp.run();
    }

    private synchronized void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The threads each event came on, in order. */
    public synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    /** Waits (bounded) until the media got {@code event}. */
    public synchronized void awaitEvent(String event) {
        long deadline = System.nanoTime() + SipPeer.WAIT.toNanos();
        while (!events.contains(event)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionFailedError("the media never got '" + event + "'; got " + events);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted");
            }
        }
    }
}
