package kz.btcom.fs.admin;

/** Whether the server is up or on its way down; the load balancer's view of it comes from /health. */
public final class Health {

    private volatile boolean stopping;

    public void markStopping() {
        stopping = true;
    }

    public boolean isStopping() {
        return stopping;
    }
}
