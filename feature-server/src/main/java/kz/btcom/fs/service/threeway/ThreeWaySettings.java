package kz.btcom.fs.service.threeway;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of three-way calling (section {@code threeWay}).
 *
 * @param factoryUser the conference factory URI's user part ({@code conference})
 * @param factoryHost the factory URI's host when configured; empty: the server's SIP host or the home domain
 */
public record ThreeWaySettings(String factoryUser, Optional<String> factoryHost) {

    public static final ThreeWaySettings DEFAULTS = new ThreeWaySettings("conference", Optional.empty());
    private static final Pattern SIP_URI = Pattern.compile("sips?:([A-Za-z0-9._~!$&'()*+,;=-]+)@([A-Za-z0-9.:\\[\\]-]+)");

    public ThreeWaySettings {
        Objects.requireNonNull(factoryUser, "factoryUser");
        Objects.requireNonNull(factoryHost, "factoryHost");
    }

    /**
     * The settings of a factory URI as configured ({@code sip:conference@fs.btcom.kz}).
     *
     * @throws IllegalArgumentException it is not a sip: URI with a user part and a host
     */
    public static ThreeWaySettings ofFactoryUri(String uri) {
        Matcher matcher = SIP_URI.matcher(uri.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + uri + "\" is not a SIP URI with a user part and a host"
                    + " (e.g. \"sip:conference@fs.btcom.kz\")");
        }
        String host = matcher.group(2);
        int colon = host.lastIndexOf(':');
        if (colon > 0 && !host.endsWith("]")) {
            host = host.substring(0, colon);
        }
        return new ThreeWaySettings(matcher.group(1), Optional.of(host));
    }
}
