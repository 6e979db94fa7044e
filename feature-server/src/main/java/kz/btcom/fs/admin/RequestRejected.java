package kz.btcom.fs.admin;

/**
 * The client asked for something this interface will not do: thrown from deep inside an endpoint (a field out of
 * range in a nested object) and answered by the {@link Router} as {@code {"error": message}} with {@code status}.
 * Bad input is not a bug, so it carries no stack trace.
 */
public final class RequestRejected extends RuntimeException {

    private final int status;

    public RequestRejected(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a rejection is a 4xx, not " + status);
        }
        this.status = status;
    }

    public static RequestRejected badRequest(String message) {
        return new RequestRejected(400, message);
    }

    public static RequestRejected notFound(String message) {
        return new RequestRejected(404, message);
    }

    public int status() {
        return status;
    }

    public AdminResponse toResponse() {
        return AdminResponse.error(status, getMessage());
    }
}
