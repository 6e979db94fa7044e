package kz.btcom.fs.service.callreturn;

import kz.btcom.fs.call.CallSetup;
import kz.btcom.fs.call.TrunkOrigin;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a call came from, for a malicious-call record (TS 24.616, RFC 4904): the trunk group the core named on the
 * caller's Contact or From URI; else the trunk configured for the address the INVITE came from; else, ordinary
 * voice traffic, the calling number.
 */
public final class CallOrigins {

    /** The IP trunk configured for an address the INVITEs come from ({@code config/trunks.yaml}). */
    @FunctionalInterface
    public interface ConfiguredTrunks {
        Optional<String> trunkOf(String sourceHost);
    }

    private final ConfiguredTrunks trunks;

    public CallOrigins(ConfiguredTrunks trunks) {
        this.trunks = Objects.requireNonNull(trunks, "trunks");
    }

    /** @param callerNumber the caller as identified, even when it restricted its number */
    public CallOrigin of(CallSetup setup, String callerNumber) {
        TrunkOrigin trunk = setup.trunk();
        if (trunk.namesTrunkGroup()) {
            return new CallOrigin(CallOrigin.Kind.TRUNK_GROUP, trunk.trunkGroup(), trunk.trunkContext());
        }
        Optional<String> configured = trunks.trunkOf(trunk.sourceHost());
        if (configured.isPresent()) {
            return new CallOrigin(CallOrigin.Kind.CONFIGURED_TRUNK, configured.get(), "");
        }
        return new CallOrigin(CallOrigin.Kind.CALLING_NUMBER, callerNumber, "");
    }
}
