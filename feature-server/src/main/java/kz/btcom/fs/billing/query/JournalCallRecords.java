package kz.btcom.fs.billing.query;

import kz.btcom.fs.billing.CallRecord;
import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.journal.JournalReader;
import kz.btcom.fs.billing.rating.JournalRater;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Call records straight from the journal: the releases and chargeable feature uses of the days asked for (the
 * journal's daily files let the reader skip the others), rated with the tariffs in force as the export rates them
 * ({@link JournalRater}): call records and fee records. A call's release comes after its start, at most a day later
 * for any call BTcom carries, so the reading starts a day before {@code from}; a fee's record starts when the
 * feature was used.
 */
public final class JournalCallRecords implements CallRecordSource {

    private static final Duration LONGEST_CALL = Duration.ofDays(1);

    private final ChronicleJournal journal;
    private final JournalRater rater;

    public JournalCallRecords(ChronicleJournal journal, JournalRater rater) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.rater = Objects.requireNonNull(rater, "rater");
    }

    @Override
    public List<CallRecord> recordsOf(String number, Instant from, Instant to) {
        List<CallRecord> found = new ArrayList<>();
        try (JournalReader reader = journal.newReader()) {
            reader.fromDay(LocalDate.ofInstant(from.minus(LONGEST_CALL), ZoneOffset.UTC));
            for (Optional<JournalReader.Entry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                for (CallRecord record : rater.rate(entry.get().event())) {
                    if (!record.start().isBefore(from) && record.start().isBefore(to)
                            && (number.equals(record.caller()) || number.equals(record.chargedParty())
                                || number.equals(record.called()))) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
