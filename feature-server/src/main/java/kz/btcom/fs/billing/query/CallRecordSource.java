package kz.btcom.fs.billing.query;

import kz.btcom.fs.billing.CallRecord;

import java.time.Instant;
import java.util.List;

/** The rated call and fee records of one number, as the operator API shows them (GET /calls). */
@FunctionalInterface
public interface CallRecordSource {

    /**
     * Every record whose call started in {@code [from, to)} and in which {@code number} took part: as caller,
     * as the charged party, or as the number called; and every fee record charged to {@code number} for a use of a
     * feature in {@code [from, to)}.
     */
    List<CallRecord> recordsOf(String number, Instant from, Instant to);
}
