package kz.btcom.fs.call;

/**
 * Why a call was diverted, as the two headers that say so spell it: the {@code cause} of RFC 4458 in History-Info
 * (RFC 7044) and the {@code reason} of Diversion (RFC 5806).
 */
public enum DiversionReason {
    UNCONDITIONAL(302, "unconditional"),
    BUSY(486, "user-busy"),
    NO_REPLY(408, "no-answer"),
    NOT_REACHABLE(503, "unavailable");

    private final int cause;
    private final String diversionReason;

    DiversionReason(int cause, String diversionReason) {
        this.cause = cause;
        this.diversionReason = diversionReason;
    }

    /** RFC 4458's cause URI parameter for History-Info. */
    public int cause() {
        return cause;
    }

    /** RFC 5806's reason parameter for Diversion. */
    public String diversionReason() {
        return diversionReason;
    }
}
