package kz.btcom.fs.featurecode;

import kz.btcom.fs.call.LocalMedia;

import java.util.concurrent.CompletionStage;

/**
 * Answers a feature-code call with the server's own media: the indication is played once it is known (the profile
 * change behind it is written to the database meanwhile), then the server hangs up.
 */
@FunctionalInterface
public interface ConfirmationPlayer {

    /**
     * @param callId     for the logs
     * @param indication completes with what to play; failing, it plays the negative indication
     */
    LocalMedia confirm(String callId, CompletionStage<Indication> indication);
}
