package kz.btcom.fs.media;

import java.io.IOException;

/** A prompt file the endpoint cannot play as it is; the message names the file and says what it must be. */
public final class UnsupportedPromptException extends IOException {

    public UnsupportedPromptException(String message) {
        super(message);
    }
}
