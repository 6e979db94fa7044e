package kz.btcom.fs.service.wakeup;

import kz.btcom.fs.subscriber.StoreException;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/**
 * The wake-up bookings, in the shared database so that they survive restarts and every node sees them. Each
 * attempt is made by one node: a node claims due bookings with a lease, and only the lease holder moves a booking
 * on; a node that dies mid-attempt leaves a lease that runs out, and another node takes the booking up.
 * Every method blocks on the database: never call it on a call's lane.
 */
public interface WakeUpStore {

    /**
     * Books a line's wake-up call of one kind, replacing the line's booking of that kind if it has one (a lease on
     * the old one is void: its holder's moves fail).
     *
     * @param due the first occurrence's minute
     */
    WakeUpBooking book(String number, LocalTime time, boolean daily, Instant due) throws StoreException;

    /** The line's booking of one kind. */
    Optional<WakeUpBooking> find(String number, boolean daily) throws StoreException;

    /** The line's bookings, once-booking first. */
    List<WakeUpBooking> list(String number) throws StoreException;

    /** Cancels the line's booking of one kind; false when it had none. */
    boolean cancel(String number, boolean daily) throws StoreException;

    /** Cancels the line's booking {@code id}; false when the line has no such booking. */
    boolean cancel(String number, long id) throws StoreException;

    /**
     * Claims up to {@code limit} bookings whose next attempt is due at {@code now} and that no node holds (or whose
     * lease ran out), earliest next attempt first, then in booking order (id). Each comes back with status
     * {@link WakeUpBooking.Status#CALLING}, leased to {@code node} until {@code leaseUntil}.
     */
    List<WakeUpBooking> claimDue(Instant now, String node, Instant leaseUntil, int limit) throws StoreException;

    /**
     * Moves a booking this node holds on and releases it: its minute {@code due}, its next attempt at
     * {@code nextAttempt} after {@code attempts} attempts for that minute. False when the lease was lost or the
     * booking is gone (cancelled or replaced meanwhile): then nothing changes.
     */
    boolean reschedule(long id, String node, Instant due, Instant nextAttempt, int attempts) throws StoreException;

    /** Deletes a booking this node holds (its last occurrence is over); false when the lease was lost or it is gone. */
    boolean finish(long id, String node) throws StoreException;

    /** How many bookings have an attempt due in [{@code from}, {@code to}). */
    int dueBetween(Instant from, Instant to) throws StoreException;
}
