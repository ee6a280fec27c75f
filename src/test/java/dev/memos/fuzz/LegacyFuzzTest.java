package dev.memos.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.backup.legacy.LegacyArchive;
import dev.memos.backup.legacy.LegacyManifest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The original MemOS's manifest (public JSON from any gateway) and its decrypted archive (gzip +
 * PAX tar, trusted only as far as the inventory allows): both parse or fail with one-line errors.
 * Seeds: vectors/legacy.
 */
class LegacyFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void original_manifests_parse_or_fail_cleanly(byte[] json) {
        Fuzz.cleanly(() -> {
            LegacyManifest m = LegacyManifest.parse(json);
            m.sha256();
            m.salt();
        });
    }

    @FuzzTest(maxDuration = "30s")
    void original_archives_extract_or_fail_cleanly(FuzzedDataProvider data) throws Exception {
        long count = data.consumeLong(0, 8);
        byte[] tarGz = data.consumeRemainingAsBytes();
        LegacyManifest m = LegacyManifest.parse(("{\"kdf\":\"hkdf-sha256-direct\",\"eth_address\":\"0x0\",\"inventory\":{\"file_count\":"
                + count + "}}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path dir = Fuzz.tempDir("legacy-fuzz");
        try {
            Fuzz.cleanly(() -> LegacyArchive.extract(tarGz, m, dir.resolve("out")));
        } finally {
            dev.memos.store.TempFiles.deleteTree(dir);
        }
    }
}
