package dev.memos.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.memos.crypto.CopySeals;
import dev.memos.crypto.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed at any step of a save (copy temporary written, copy renamed, primary temporary
 * written, primary renamed) leaves a store that opens with the old or the new content, whole
 * (FORMAT.md §17). The steps are reproduced on disk exactly as a kill leaves them; every store saves
 * through {@link MirroredFile}, so this covers each of them at every write step.
 */
class MirroredFileCrashTest {
    private static final byte[] OLD = "{\"v\":1,\"value\":\"old\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "{\"v\":1,\"value\":\"new, and longer\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private MirroredFile file() {
        return MirroredFile.builder(dir.resolve("store.json")).lock(dir.resolve(".lock"))
                .seal(CopySeals.keyed(SecretBytes.copyOf(new byte[32])))
                .check(c -> {
                    if (c.length == 0 || c[0] != '{' || c[c.length - 1] != '}') {
                        throw new IllegalArgumentException("not a JSON object");
                    }
                }).build();
    }

    /** The files as a save of NEW over OLD leaves them when killed after {@code step} of its 4 steps (0 = before any). */
    private void crashedAfter(int step) throws Exception {
        MirroredFile f = file();
        f.write(OLD);
        byte[] oldCopy = Files.readAllBytes(f.copy());
        Path scratch = dir.resolve("scratch");
        Files.createDirectories(scratch);
        MirroredFile n = MirroredFile.builder(scratch.resolve("store.json"))
                .seal(CopySeals.keyed(SecretBytes.copyOf(new byte[32]))).build();
        n.write(OLD);
        n.write(NEW); // the copy a real save would write: generation 2, content NEW
        byte[] newCopy = Files.readAllBytes(n.copy());
        assertTrue(newCopy.length > oldCopy.length);
        if (step >= 1) { // copy temporary written (maybe torn), not renamed
            Files.write(dir.resolve("..store.json.copy.tmp-aaaaaaaaaaaa"), Arrays.copyOf(newCopy, newCopy.length / 2));
        }
        if (step >= 2) { // copy renamed into place
            Files.delete(dir.resolve("..store.json.copy.tmp-aaaaaaaaaaaa"));
            Files.write(f.copy(), newCopy);
        }
        if (step >= 3) { // primary temporary written (maybe torn)
            Files.write(dir.resolve(".store.json.tmp-bbbbbbbbbbbb"), Arrays.copyOf(NEW, NEW.length / 2));
        }
        if (step >= 4) { // primary renamed into place
            Files.delete(dir.resolve(".store.json.tmp-bbbbbbbbbbbb"));
            Files.write(f.primary(), NEW);
        }
    }

    @Test
    void a_kill_at_every_step_of_a_save_opens_with_the_old_or_the_new_content() throws Exception {
        for (int step = 0; step <= 4; step++) {
            for (Path p : List.of(dir.resolve("store.json"), MirroredFile.copyOf(dir.resolve("store.json")))) {
                Files.deleteIfExists(p);
            }
            crashedAfter(step);
            byte[] got = file().read().orElseThrow();
            byte[] expected = step >= 2 ? NEW : OLD;
            assertArrayEquals(expected, got, "killed after step " + step);
            assertArrayEquals(expected, Files.readAllBytes(dir.resolve("store.json")), "primary whole after step " + step);
            file().write(NEW); // the next save after the crash completes normally
            assertArrayEquals(NEW, file().read().orElseThrow());
            Recoveries.drain(dir);
        }
    }

    @Test
    void a_save_interrupted_between_its_two_renames_is_reported_once_and_then_consistent() throws Exception {
        crashedAfter(2);
        assertArrayEquals(NEW, file().read().orElseThrow());
        List<Recoveries.Recovered> told = Recoveries.drain(dir);
        assertEquals(1, told.size());
        assertTrue(told.get(0).fromCopy());
        assertArrayEquals(NEW, file().read().orElseThrow());
        assertTrue(Recoveries.drain(dir).isEmpty(), "a consistent pair is not reported again");
    }
}
