package kz.btcom.fs.call;

import java.util.Objects;
import java.util.Optional;

/**
 * An in-dialog REFER as the services see it (RFC 3515): where the party wants the other one sent.
 *
 * @param referTo    the Refer-To URI, without its angle brackets and header parameters
 * @param referredBy the Referred-By URI (RFC 3892), when there is one
 * @param replaces   the Replaces the Refer-To carries (attended transfer, RFC 3891), unescaped, when there is one
 */
public record ReferRequest(String referTo, Optional<String> referredBy, Optional<String> replaces) {

    public ReferRequest {
        Objects.requireNonNull(referTo, "referTo");
        Objects.requireNonNull(referredBy, "referredBy");
        Objects.requireNonNull(replaces, "replaces");
    }
}
