package kz.btcom.fs.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prompt files: telephone-format WAV is read as it is; anything else is refused with the file's name. */
class WavPromptTest {

    @TempDir
    Path dir;

    @Test
    void sixteenBitPcmIsReadPastOtherChunks() throws IOException {
        short[] sine = WavFiles.sine(1000, 4000);
        Path file = write("half-second.wav", WavFiles.riff().fmt(1, 1, 8000, 16)
                .chunk("LIST", "INFOISFT\u0003\0\0\0sox".getBytes()) // an odd-sized chunk: padded
                .pcm16(sine).bytes());

        WavPrompt prompt = WavPrompt.load(file);

        assertEquals(Duration.ofMillis(500), prompt.duration());
        assertEquals(25, prompt.audio().frames());
        for (int i = 0; i < sine.length; i++) {
            assertEquals(sine[i], prompt.audio().sample(i));
        }
    }

    @Test
    void alawIsDecodedAndReEncodesToTheSameBytes() throws IOException {
        byte[] alaw = Codec.PCMA.encode(WavFiles.sine(425, 1600));
        Path file = write("alaw.wav", WavFiles.riff().fmt(6, 1, 8000, 8).chunk("data", alaw).bytes());

        WavPrompt prompt = WavPrompt.load(file);

        assertEquals(Duration.ofMillis(200), prompt.duration());
        byte[] played = prompt.audio().encoded(Codec.PCMA);
        for (int i = 0; i < alaw.length; i++) {
            assertEquals(alaw[i], played[i], "byte " + i);
        }
    }

    @Test
    void ulawAndExtensiblePcmAreAccepted() throws IOException {
        byte[] ulaw = Codec.PCMU.encode(WavFiles.sine(425, 800));
        assertEquals(Duration.ofMillis(100),
                WavPrompt.load(write("ulaw.wav", WavFiles.riff().fmt(7, 1, 8000, 8).chunk("data", ulaw).bytes()))
                        .duration());
        assertEquals(Duration.ofMillis(100), WavPrompt.load(write("ext.wav", WavFiles.riff()
                .fmtExtensible(1, 1, 8000, 16).pcm16(WavFiles.sine(425, 800)).bytes())).duration());
    }

    @Test
    void aLastPartialFrameIsFilledWithSilence() throws IOException {
        WavPrompt prompt = WavPrompt.load(write("odd.wav", WavFiles.riff().fmt(1, 1, 8000, 16)
                .pcm16(WavFiles.sine(425, 170)).bytes()));

        assertEquals(2, prompt.audio().frames());
        assertEquals(0, prompt.audio().sample(319));
    }

    @Test
    void cdQualityStereoIsRefusedNamingTheFileAndTheFormatNeeded() throws IOException {
        Path file = write("cfu-activated.wav", WavFiles.riff().fmt(1, 2, 44100, 16).pcm16(new short[88]).bytes());

        UnsupportedPromptException refused = assertThrows(UnsupportedPromptException.class,
                () -> WavPrompt.load(file));

        String message = refused.getMessage();
        assertTrue(message.startsWith(file.toString() + ": 44100 Hz, 2 channels, 16-bit PCM"), message);
        assertTrue(message.contains("8000 Hz mono"), message);
    }

    @Test
    void otherEncodingsAndBrokenFilesAreRefused() throws IOException {
        assertRefused("8bit.wav", WavFiles.riff().fmt(1, 1, 8000, 8).chunk("data", new byte[8]).bytes(),
                "8-bit PCM");
        assertRefused("gsm.wav", WavFiles.riff().fmt(49, 1, 8000, 0).chunk("data", new byte[8]).bytes(),
                "format code 49");
        assertRefused("wideband.wav", WavFiles.riff().fmt(1, 1, 16000, 16).pcm16(new short[4]).bytes(),
                "16000 Hz");
        assertRefused("song.mp3", "ID3\u0004 not a riff file".getBytes(), "not a WAV file");
        assertRefused("empty.wav", WavFiles.riff().fmt(1, 1, 8000, 16).chunk("data", new byte[0]).bytes(),
                "no audio");
        assertRefused("nodata.wav", WavFiles.riff().fmt(1, 1, 8000, 16).bytes(), "no data chunk");
        assertRefused("nofmt.wav", WavFiles.riff().pcm16(new short[4]).bytes(), "before the fmt chunk");
    }

    private void assertRefused(String name, byte[] content, String reason) throws IOException {
        Path file = write(name, content);
        UnsupportedPromptException refused = assertThrows(UnsupportedPromptException.class,
                () -> WavPrompt.load(file));
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }
}
