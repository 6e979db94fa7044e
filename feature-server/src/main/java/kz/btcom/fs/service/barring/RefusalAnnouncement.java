package kz.btcom.fs.service.barring;

import kz.btcom.fs.call.LocalMedia;

import java.util.Optional;

/**
 * What a caller hears before a barred or suspended call is refused (TS 24.611: the announcement, then 603): a
 * prompt from the server's media, played as early media, or nothing when none is configured.
 */
@FunctionalInterface
public interface RefusalAnnouncement {

    RefusalAnnouncement NONE = callId -> Optional.empty();

    /** A fresh announcement for this call, or empty. */
    Optional<LocalMedia> forCall(String callId);
}
