package kz.btcom.fs.media;

import io.netty.util.concurrent.ScheduledFuture;
import kz.btcom.fs.call.LocalMedia;
import kz.btcom.fs.call.MediaRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call the server answers itself to play one prompt and hang up (a feature code's confirmation), as the B2BUA
 * sees it. The B2BUA calls {@link #sdpAnswer}, {@link #start} and {@link #close} on the call's lane; the prompt
 * and the playback complete on other threads, so the state is guarded.
 */
final class AnnouncementMedia implements LocalMedia {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementMedia.class);

    private final MediaEndpoint endpoint;
    private final String callId;
    private final CompletionStage<? extends Prompt> prompt;
    private final AtomicBoolean hungUp = new AtomicBoolean();
    private MediaLeg leg;
    private boolean started;
    private boolean closed;
    private ScheduledFuture<?> promptDeadline;

    AnnouncementMedia(MediaEndpoint endpoint, String callId, CompletionStage<? extends Prompt> prompt) {
        this.endpoint = endpoint;
        this.callId = callId;
        this.prompt = prompt;
    }

    /**
     * The answer to the INVITE's offer, or our offer if it had none. Asked again (a re-INVITE), it answers on the
     * same leg: same port, same o= session, the version raised only if the answer changed.
     *
     * @throws MediaRefusedException no media port is free (503), or no audio in common with the offer (488)
     */
    @Override
    public synchronized String sdpAnswer(String sdpOffer) {
        if (closed) {
            throw new IllegalStateException("call " + callId + ": the announcement is closed");
        }
        try {
            return answer(sdpOffer);
        } catch (MediaException e) {
            throw new MediaRefusedException(e.sipStatus(), e.sipStatus() == 488 ? "Not Acceptable Here"
                    : "Service Unavailable", e.getMessage());
        }
    }

    private String answer(String sdpOffer) {
        boolean firstAnswer = leg == null;
        if (firstAnswer) {
            leg = endpoint.openLeg(callId, MediaDirection.SEND_ONLY);
        }
        try {
            return sdpOffer == null || sdpOffer.isBlank() ? leg.offer() : leg.answer(sdpOffer);
        } catch (RuntimeException e) {
            if (e instanceof UnacceptableSdpException) {
                LOG.info("call {}: refusing the offer: {}", callId, e.getMessage());
            }
            if (firstAnswer) {
                leg.close(); // the call fails: do not keep its port until close()
                leg = null;
            }
            throw e;
        }
    }

    /** The caller's answer to our offer, for an INVITE that had none (it comes in the ACK). */
    @Override
    public synchronized void remoteAnswer(String sdpAnswer) {
        if (closed || leg == null || sdpAnswer == null || sdpAnswer.isBlank()) {
            return;
        }
        try {
            leg.remoteDescription(sdpAnswer);
        } catch (UnacceptableSdpException e) {
            LOG.info("call {}: the answer in the ACK is unusable, the prompt plays in silence: {}", callId,
                    e.getMessage());
        }
    }

    @Override
    public void start(Runnable hangUp) {
        MediaLeg playingOn;
        CompletableFuture<Prompt> decided = new CompletableFuture<>();
        synchronized (this) {
            if (closed || started) {
                return;
            }
            started = true;
            playingOn = leg;
            if (playingOn != null) {
                // The prompt may hang on a database that does not answer; the caller must not wait forever.
                try {
                    promptDeadline = endpoint.schedule(endpoint.settings().promptWait(),
                            () -> decided.completeExceptionally(new TimeoutException(
                                    "not decided within " + endpoint.settings().promptWait().toMillis() + " ms")));
                } catch (RejectedExecutionException e) {
                    return; // the endpoint is shutting down: its legs are closed, the calls are being released
                }
            }
        }
        if (playingOn == null) {
            hangUpOnce(hangUp); // started without an answer: there is nothing to play
            return;
        }
        prompt.whenComplete((chosen, failure) -> {
            if (failure != null) {
                decided.completeExceptionally(failure);
            } else {
                decided.complete(chosen);
            }
        });
        decided.handle((chosen, failure) -> {
                    cancelDeadline();
                    if (failure == null && chosen != null || isClosed()) {
                        return chosen != null ? chosen : Tone.NEGATIVE; // when closed, play() just refuses
                    }
                    LOG.warn("call {}: the confirmation could not be decided ({}); playing the negative tone",
                            callId, failure == null ? "no prompt" : unwrap(failure).toString());
                    return Tone.NEGATIVE;
                })
                .thenCompose(playingOn::play)
                .whenComplete((played, failure) -> {
                    if (failure == null || !(unwrap(failure) instanceof CancellationException)) {
                        hangUpOnce(hangUp);
                    }
                });
    }

    @Override
    public void close() {
        MediaLeg closing;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = leg;
        }
        cancelDeadline();
        if (closing != null) {
            closing.close();
        }
    }

    private void hangUpOnce(Runnable hangUp) {
        synchronized (this) {
            if (closed) {
                return; // the call is already over
            }
        }
        if (hungUp.compareAndSet(false, true)) {
            hangUp.run();
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void cancelDeadline() {
        if (promptDeadline != null) {
            promptDeadline.cancel(false);
            promptDeadline = null;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
