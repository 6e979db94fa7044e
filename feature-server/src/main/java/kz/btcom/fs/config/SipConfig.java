package kz.btcom.fs.config;

import kz.btcom.fs.sip.SipBoundary;
import kz.btcom.fs.sip.SipSettings;
import kz.btcom.fs.sip.TcpLimits;
import kz.btcom.fs.sip.TrustedPeers;
import kz.btcom.fs.sip.UntrustedPolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code sip} section: the B2BUA's listening address, the core, the stack's sizing, and how calls whose parties
 * vanished are found ({@code keepAliveInterval} zero: never), and the operator's home domain the URIs the server
 * writes itself name (empty: the core's host); who may send it SIP ({@code trustedPeers}, by default the core's
 * address), what anyone else gets, and the SIP/TCP limits.
 */
public record SipConfig(HostPort listen, Set<SipTransport> transports, HostPort core, CoreTransport coreTransport,
                        int stackThreads, int callLanes, int maxCallsInProgress, Duration retryAfter,
                        int maxMessageSize, Duration noAnswerTimeout, Duration keepAliveInterval,
                        Duration keepAliveTimeout, Optional<String> homeDomain, TrustedPeers trustedPeers,
                        UntrustedPolicy untrustedPolicy, TcpLimits tcp) {

    public SipConfig {
        Objects.requireNonNull(listen, "listen");
        transports = Set.copyOf(transports);
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(coreTransport, "coreTransport");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout");
        Objects.requireNonNull(homeDomain, "homeDomain");
        Objects.requireNonNull(trustedPeers, "trustedPeers");
        Objects.requireNonNull(untrustedPolicy, "untrustedPolicy");
        Objects.requireNonNull(tcp, "tcp");
    }

    /** The adapter's settings; transports as "udp"/"tcp", the core transport as "auto"/"udp"/"tcp". */
    public SipSettings toSipSettings(Clock clock) {
        Set<String> transportNames = transports.stream().map(SipTransport::configName).collect(Collectors.toSet());
        return new SipSettings(listen.host(), listen.port(), transportNames, core.host(), core.port(),
                coreTransport.configName(), stackThreads, callLanes, maxCallsInProgress, retryAfter,
                maxMessageSize, clock, noAnswerTimeout).withKeepAlive(keepAliveInterval, keepAliveTimeout)
                .withHomeDomain(homeDomain.orElse(core.host()))
                .withBoundary(new SipBoundary(trustedPeers, untrustedPolicy, tcp));
    }

    /** "udp, tcp" in a fixed order, for the start-up log line. */
    public String transportList() {
        return transports.stream().sorted().map(SipTransport::configName).collect(Collectors.joining(", "));
    }
}
