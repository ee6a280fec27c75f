package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.crypto.AesGcm;
import dev.memos.crypto.Passphrase;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A file names its own Argon2id cost; these bounds are what stops it from naming a ruinous one. */
class Argon2BoundsTest {

    @ParameterizedTest(name = "m={0} KiB, t={1}, p={2} is accepted")
    @CsvSource({"65536, 3, 1", "262144, 4, 1", "65536, 16, 1", "8, 1, 1", "1024, 1, 16"})
    void parameters_within_the_bounds_are_accepted(int m, int t, int p) {
        assertEquals(m, new Argon2Params(m, t, p).memoryKib());
    }

    @ParameterizedTest(name = "m={0} KiB, t={1}, p={2} is refused")
    @CsvSource({"262145, 1, 1", "262144, 5, 1", "131072, 9, 1", "65536, 17, 1", "1048576, 64, 1", "7, 1, 1",
            "64, 0, 1", "1024, 1, 17", "64, 1, 0"})
    void parameters_beyond_the_bounds_are_refused(int m, int t, int p) {
        assertThrows(IllegalArgumentException.class, () -> new Argon2Params(m, t, p));
    }

    @Test
    void an_export_demanding_a_gibibyte_for_64_passes_is_refused_before_any_hashing() {
        // 1 GiB × 64 passes was legal before the work bound: minutes of CPU and an OutOfMemoryError
        // before the passphrase check could fail. Now the header alone is refused.
        byte[] file = new byte[ExportFile.HEADER + AesGcm.TAG + 16];
        ByteBuffer.wrap(file).put(ExportFile.MAGIC).put((byte) ExportFile.VERSION).put((byte) 1)
                .putInt(1024 * 1024).putInt(64).put((byte) 1);
        MemosException e = assertThrows(MemosException.class,
                () -> ExportFile.open(file, Passphrase.adopt("correct horse".toCharArray())));
        assertEquals(ErrorKind.INTEGRITY, e.kind());
        assertEquals("export header has invalid Argon2id parameters: the file is damaged", e.getMessage());
    }
}
