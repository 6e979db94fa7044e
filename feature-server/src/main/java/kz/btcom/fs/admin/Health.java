package kz.btcom.fs.admin;

/**
 * Whether the server is starting, up, or on its way down; the load balancer's view of it comes from /health. The
 * HTTP side starts before the SIP side, so a server says "up" only once it takes calls.
 */
public final class Health {

    private volatile boolean started;
    private volatile boolean stopping;
    private volatile boolean journalFull;

    /** Up from the start: for an HTTP side that serves nothing but itself. */
    public Health() {
        this(true);
    }

    private Health(boolean started) {
        this.started = started;
    }

    /** Starting until {@link #markUp}: /health answers 503 "starting" meanwhile. */
    public static Health startingUp() {
        return new Health(false);
    }

    public void markUp() {
        started = true;
    }

    public void markStopping() {
        stopping = true;
    }

    /** Told by the billing journal's watch: {@code false} while new calls get 503 because it cannot bill them. */
    public void journalTakesNewCalls(boolean takes) {
        journalFull = !takes;
    }

    public boolean isJournalFull() {
        return journalFull;
    }

    public boolean isStarting() {
        return !started;
    }

    public boolean isStopping() {
        return stopping;
    }
}
