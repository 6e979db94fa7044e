package kz.btcom.fs.sessioncase;

/** Whether this server holds services for a user. The subscriber store will answer it (E.164 numbers). */
@FunctionalInterface
public interface ServedSubscribers {

    /** Until there is a subscriber store: nobody is served, so every call is relayed untouched. */
    ServedSubscribers NOBODY = user -> false;

    boolean isServed(String user);
}
