package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.error.MemosException;
import dev.memos.token.PinStore;
import dev.memos.token.ReplayCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The verifier's own state files (replay high-water mark {@code state.json}, {@code pins.json}) can be
 * damaged or edited by anyone with write access to the home: opening them must give a usable store
 * or one clean line naming the file, never a parser's internals (issue 20 §2, §6).
 */
class VerifierStateFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void replay_state_opens_or_fails_with_one_clean_line(FuzzedDataProvider data) throws Exception {
        Path dir = Fuzz.tempDir("replay-fuzz");
        try {
            Files.write(dir.resolve("state.json"), data.consumeRemainingAsBytes());
            Fuzz.cleanly(() -> {
                try (ReplayCache c = ReplayCache.persistent(dir, 16, false, Clock.systemUTC())) {
                    c.checkAndRecord(new byte[16], 2_000_000_000L, 1_999_999_000L);
                } catch (MemosException e) {
                    noInternals(e);
                    throw e;
                }
            });
        } finally {
            Fuzz.deleteTree(dir);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void pins_file_opens_or_fails_with_one_clean_line(FuzzedDataProvider data) throws Exception {
        Path dir = Fuzz.tempDir("pins-fuzz");
        try {
            Path f = dir.resolve("pins.json");
            Files.write(f, data.consumeRemainingAsBytes());
            Fuzz.cleanly(() -> {
                try {
                    PinStore.file(f).get("skill:weather", "CW-NOVA.R7KMX2-AA");
                } catch (MemosException e) {
                    noInternals(e);
                    throw e;
                }
            });
        } finally {
            Fuzz.deleteTree(dir);
        }
    }

    private static void noInternals(MemosException e) {
        for (String leak : new String[] {"REDACTED", "StreamReadFeature", "Input byte[]", "Illegal base64"}) {
            if (e.getMessage().contains(leak)) {
                throw new AssertionError("parser internals in the message: " + e.getMessage());
            }
        }
    }
}
