package kz.btcom.fs.media;

import kz.btcom.fs.call.LocalMedia;

import java.util.concurrent.CompletionStage;

/**
 * What a service needs to confirm a feature code: the media of a call the server answers, plays one prompt to and
 * hangs up. {@link MediaEndpoint} is the real one; a service test passes a fake and needs no sockets.
 */
@FunctionalInterface
public interface Announcements {

    /**
     * @param callId for the logs
     * @param prompt what to play, possibly still being decided (a database write): if it fails, or is not decided
     *               in time, the caller hears {@link Tone#NEGATIVE}
     */
    LocalMedia announcement(String callId, CompletionStage<? extends Prompt> prompt);
}
