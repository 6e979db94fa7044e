package kz.btcom.fs.billing.export;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.WakeUpOutcome;
import kz.btcom.fs.billing.journal.ChronicleJournal;
import kz.btcom.fs.billing.rating.BillMain;
import kz.btcom.fs.billing.rating.JournalRater;
import kz.btcom.fs.billing.rating.Tariffs;
import kz.btcom.fs.numbering.NumberClass;
import kz.btcom.fs.time.FakeClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14's "the fees show in the export and the itemized bill, exact to the tiyn", from the journal to the bill
 * command with the shipped tariffs (Germany 75.00 a started minute, a wake-up call 20.00, a malicious call record
 * 0.00, VAT 12 %, bills in Asia/Almaty, UTC+5).
 */
class ExportToBillTest {

    private static final String SUBSCRIBER = "+77272777888";

    @TempDir
    Path dataDir;

    @TempDir
    Path out;

    private static JournalEvent.WakeUpCall wakeUp(String callId, String at, int attempt, WakeUpOutcome outcome) {
        Instant when = Instant.parse(at);
        return new JournalEvent.WakeUpCall(callId, when, SUBSCRIBER, 4, true, when.minusMillis(500), attempt,
                outcome, "icid-" + callId);
    }

    @Test
    void aMonthsWakeUpCallsAreExportedAndBilledWithTheirVatAndTheTotalsAddUp() throws Exception {
        try (ChronicleJournal journal = ChronicleJournal.open(dataDir, FakeClock.at("2026-11-26T09:00:00Z"))) {
            journal.write(new JournalEvent.CallRelease("germany@core", Instant.parse("2026-11-25T08:01:06Z"),
                    SUBSCRIBER, "+493012345678", NumberClass.INTERNATIONAL, Instant.parse("2026-11-25T08:00:00Z"),
                    Instant.parse("2026-11-25T08:00:05Z"), 200, JournalEvent.Party.CALLER, List.of(),
                    JournalEvent.Pass.BOTH, "icid-germany"));
            journal.write(wakeUp("wake-1@fs", "2026-11-25T01:00:00.500Z", 1, WakeUpOutcome.ANSWERED));
            journal.write(wakeUp("wake-2@fs", "2026-11-26T01:00:30.500Z", 1, WakeUpOutcome.NO_ANSWER));
            journal.write(wakeUp("wake-3@fs", "2026-11-26T01:05:30.500Z", 2, WakeUpOutcome.ANSWERED));
            journal.write(new JournalEvent.MaliciousCallIdentification("flagged@core",
                    Instant.parse("2026-11-26T07:00:00Z"), SUBSCRIBER, "+77172123456", true, "callingNumber",
                    "+77172123456"));
            try (CallRecordExport export = CallRecordExport.open(journal.newReader(), out,
                    new JournalRater(Tariffs.builtIn())::rate, ExportSettings.DEFAULT)) {
                export.exportAvailable();
            }
        }

        Path csv = out.resolve("calls-2026-11-26.csv");
        assertEquals(List.of(
                "germany@core,call,,150.00,18.00",
                "wake-1@fs,fee,wakeUpCall,20.00,2.40",
                "wake-3@fs,fee,wakeUpCall,20.00,2.40",
                "flagged@core,fee,maliciousCallRecord,0.00,0.00"),
                Files.readAllLines(csv).stream().skip(1).map(ExportToBillTest::summary).toList(),
                "the unanswered attempt has no line");

        ByteArrayOutputStream bill = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BillMain.run(new String[] {"--records", csv.toString(), "--number", SUBSCRIBER, "--month",
            "2026-11", "--format", "csv"}, new PrintStream(bill, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertEquals("""
                kind,called,date,time,duration,billedSeconds,tariff,cost,vat,total,currency
                call,+493012345678,2026-11-25,13:00:00,01:01,120,international 49 Germany,150.00,18.00,168.00,KZT
                fee,,2026-11-25,06:00:00,,,fee wakeUpCall,20.00,2.40,22.40,KZT
                fee,,2026-11-26,06:05:30,,,fee wakeUpCall,20.00,2.40,22.40,KZT
                total,,,,,,,190.00,22.80,212.80,KZT
                """, bill.toString(StandardCharsets.UTF_8), "the free malicious call record is not on the bill");
    }

    /** Call-ID, kind, feature, cost and VAT of an export line. */
    private static String summary(String line) {
        List<String> fields = List.of(line.split(",", -1));
        return String.join(",", fields.get(0), fields.get(ExportCsv.COLUMNS.indexOf("kind")),
                fields.get(ExportCsv.COLUMNS.indexOf("feature")), fields.get(ExportCsv.COLUMNS.indexOf("cost")),
                fields.get(ExportCsv.COLUMNS.indexOf("vat")));
    }
}
