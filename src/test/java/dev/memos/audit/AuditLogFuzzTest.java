package dev.memos.audit;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Hex;
import dev.memos.fuzz.Fuzz;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Audit log files are read back by `audit tail/query/verify/export` and may have been edited,
 * truncated or replaced by anyone with access to $MEMOS_HOME. The record reader, the entry decoder
 * and the checkpoint file must fail with a MemosException (AuditIntegrityException is one).
 * Seeds: the log of vectors/audit/audit-v1.json.
 */
class AuditLogFuzzTest {
    /** The keys of vectors/audit/audit-v1.json, so the seeded log verifies and mutations reach the MAC chain. */
    static final byte[] MAC_KEY = Hex.decode("00d978911640752a38d88278f7149b1d939af5a3c9e7c993ed6d224c084a9b78");
    static final byte[] CHECKPOINT_KEY = Base64Url.decode("okXdzvbe2ek4E07LIacZeKNKVISIZ9tcwh2w_wu9lvM");

    @FuzzTest(maxDuration = "30s")
    void audit_log_files_read_or_fail_cleanly(FuzzedDataProvider data) throws Exception {
        boolean checkpoints = data.consumeBoolean();
        byte[] content = data.consumeRemainingAsBytes();
        Path dir = Fuzz.tempDir("fuzz-audit");
        try {
            Files.write(dir.resolve(checkpoints ? AuditLogs.CHECKPOINTS_FILE : AuditLogs.LOG_FILE), content);
            Fuzz.cleanly(() -> {
                if (checkpoints) {
                    CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
                    CheckpointFile.readLast(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
                } else {
                    AuditReader.all(dir);
                    AuditReader.tail(dir, 3);
                    try (SecretBytes mac = SecretBytes.copyOf(MAC_KEY)) {
                        AuditVerifier.of(dir, "home").macKey(mac).trustedKey(SignatureAlgorithm.ED25519, CHECKPOINT_KEY).verify();
                    }
                }
            });
        } finally {
            Fuzz.deleteTree(dir);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void audit_entries_decode_or_fail_cleanly(byte[] entry) {
        // documented: IllegalArgumentException, which AuditReader turns into AuditIntegrityException
        Fuzz.cleanly(IllegalArgumentException.class, () -> AuditEntry.decode(entry));
    }

    /** state.json (the HMAC'd length witness, FORMAT.md §12.10) is read on every open and verify: it reads, is ignored, or fails as integrity. */
    @FuzzTest(maxDuration = "30s")
    void audit_state_files_read_or_fail_cleanly(byte[] content) throws Exception {
        Path dir = Fuzz.tempDir("fuzz-audit-state");
        try {
            Files.write(dir.resolve(AuditLogs.STATE_FILE), content);
            Fuzz.cleanly(() -> {
                LogState.read(dir.resolve(AuditLogs.STATE_FILE));
                try (SecretBytes mac = SecretBytes.copyOf(MAC_KEY)) {
                    LogState.readWitness(dir.resolve(AuditLogs.STATE_FILE), new ChainMac(mac), "home");
                }
            });
        } finally {
            Fuzz.deleteTree(dir);
        }
    }
}
