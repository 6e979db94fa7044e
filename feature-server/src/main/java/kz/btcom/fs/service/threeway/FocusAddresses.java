package kz.btcom.fs.service.threeway;

import kz.btcom.fs.call.SipIdentity;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The URIs the server answers as a conference focus (RFC 4579 3): the conference factory URI, to which a subscriber
 * with three-way calling sends an INVITE to create a conference, and each conference's own URI, whose user part
 * starts with {@value #CONFERENCE_PREFIX}. A URI names the focus when its host is one of the server's own names
 * (its SIP host, the operator's home domain, or the factory URI's host).
 */
public final class FocusAddresses {

    static final String CONFERENCE_PREFIX = "conf-";

    private final String factoryUser;
    private final Set<String> hosts;

    /**
     * @param factoryUser the factory URI's user part ({@code conference})
     * @param hosts       the hosts that name this server
     */
    public FocusAddresses(String factoryUser, Set<String> hosts) {
        this.factoryUser = Objects.requireNonNull(factoryUser, "factoryUser");
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** Whether a call to {@code called} asks for a new conference. */
    public boolean isFactory(SipIdentity called) {
        return called.kind() == SipIdentity.Kind.SIP && called.user().equalsIgnoreCase(factoryUser) && ours(called);
    }

    /** Whether {@code called} is a conference's own URI (it may have ended since). */
    public boolean isConference(SipIdentity called) {
        return called.kind() == SipIdentity.Kind.SIP && called.user().startsWith(CONFERENCE_PREFIX) && ours(called);
    }

    private boolean ours(SipIdentity called) {
        return hosts.contains(called.host().toLowerCase(Locale.ROOT));
    }
}
