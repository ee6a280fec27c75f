package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.crypto.SecretBytes;
import dev.memos.identity.HomeArchive;
import java.util.Arrays;

/**
 * The identity archive a snapshot carries (FORMAT.md §14.10) is read back from a repository anyone
 * with write access could have altered: the sealed reader and the plaintext parser must fail only
 * with MemosException, and anything the parser accepts re-encodes to exactly the bytes read.
 */
class HomeArchiveFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void identity_archives_parse_strictly_or_fail_cleanly(FuzzedDataProvider data) {
        boolean sealed = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        Fuzz.cleanly(() -> {
            if (sealed) {
                try (SecretBytes key = SecretBytes.copyOf(new byte[32])) {
                    HomeArchive.open(bytes, key);
                }
                return;
            }
            HomeArchive a = HomeArchive.decode(bytes);
            if (!Arrays.equals(a.encode(), bytes)) {
                throw new AssertionError("accepted an archive that is not its own encoding");
            }
        });
    }
}
