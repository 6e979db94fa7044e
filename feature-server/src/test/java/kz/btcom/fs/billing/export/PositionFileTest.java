package kz.btcom.fs.billing.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionFileTest {

    @TempDir
    Path dir;

    @Test
    void aNewDirectoryHasNoPosition() throws Exception {
        assertEquals(Optional.empty(), new PositionFile(dir).load());
    }

    @Test
    void aStoredPositionLoadsBackAndReplacesThePreviousOneLeavingNoTemporaryFile() throws Exception {
        PositionFile positions = new PositionFile(dir);
        positions.store(ExportPosition.START);
        assertEquals(Optional.of(ExportPosition.START), positions.load());

        ExportPosition position = new ExportPosition(89258010345472L, "calls-2026-11-25.csv", 123456);
        positions.store(position);

        assertEquals(Optional.of(position), new PositionFile(dir).load());
        assertFalse(Files.exists(dir.resolve("export.position.tmp")));
        assertTrue(Files.readString(dir.resolve("export.position")).contains("lastIndex=89258010345472\n"));
    }

    @Test
    void aPositionFileSomethingElseWroteIsRefusedWithItsName() throws Exception {
        Files.writeString(dir.resolve("export.position"), "lastIndex=12\nlength=x\n");

        IOException e = assertThrows(IOException.class, () -> new PositionFile(dir).load());
        assertTrue(e.getMessage().contains("export.position"), e.getMessage());
    }

    @Test
    void aPositionNamesOnlyCsvFilesOfTheExport() {
        assertThrows(IllegalArgumentException.class, () -> new ExportPosition(1, "x.csv", 10));
        assertThrows(IllegalArgumentException.class, () -> new ExportPosition(1, null, 10));
    }
}
