package kz.btcom.fs.config;

/** A transport the SIP side listens on; configured in lower case. */
public enum SipTransport {
    UDP, TCP;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
