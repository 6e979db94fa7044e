package kz.btcom.fs.admin.traces;

import kz.btcom.fs.service.mcid.MaliciousCallRecord;
import kz.btcom.fs.service.mcid.MaliciousCallRecords;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Malicious-call records for tests of the API that serves them (the real store is the database's). */
final class InMemoryMaliciousCallRecords implements MaliciousCallRecords {

    private final List<MaliciousCallRecord> records = new CopyOnWriteArrayList<>();

    void add(MaliciousCallRecord record) {
        records.add(record);
    }

    @Override
    public List<MaliciousCallRecord> find(Optional<String> victim, Instant from, Instant to, int limit) {
        return records.stream()
                .filter(record -> victim.isEmpty() || victim.get().equals(record.victim()))
                .filter(record -> !record.flaggedAt().isBefore(from) && record.flaggedAt().isBefore(to))
                .sorted(Comparator.comparing(MaliciousCallRecord::flaggedAt))
                .limit(limit)
                .toList();
    }
}
