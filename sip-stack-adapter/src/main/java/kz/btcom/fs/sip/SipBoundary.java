package kz.btcom.fs.sip;

import java.util.Objects;

/**
 * Who may talk SIP to the server and how much of it anyone may take: the trusted peers (the core), what the rest
 * gets, and the TCP limits.
 */
public record SipBoundary(TrustedPeers trustedPeers, UntrustedPolicy untrustedPolicy, TcpLimits tcp) {

    public SipBoundary {
        Objects.requireNonNull(trustedPeers, "trustedPeers");
        Objects.requireNonNull(untrustedPolicy, "untrustedPolicy");
        Objects.requireNonNull(tcp, "tcp");
    }

    /** Only the core's host is trusted; strangers get 403; the default TCP limits. */
    public static SipBoundary coreOnly(String coreHost) {
        return new SipBoundary(TrustedPeers.ofHost(coreHost), UntrustedPolicy.REJECT, TcpLimits.defaults());
    }
}
