package dev.memos.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.memos.config.MemosHome;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An identity's log re-keyed for another device: verified by its signed checkpoints, then re-MAC'd. */
class AuditImportTest {
    private static final String ID = "CW-NOVA.R7KMX2-AA";

    @TempDir
    Path home;

    private static SecretBytes key(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return SecretBytes.adopt(k);
    }

    private Path writeLog(Ed25519 signer, int entries) {
        try (AuditLog log = AuditLogs.forIdentity(MemosHome.at(home), ID, signer)) {
            for (int i = 0; i < entries; i++) {
                log.append("memory_write", ID, new LinkedHashMap<>(Map.of("seq", String.valueOf(i))));
            }
        }
        return AuditLogs.identityDirectory(MemosHome.at(home), ID);
    }

    @Test
    void rekeyed_log_verifies_with_the_new_mac_key_and_keeps_every_entry() {
        try (Ed25519 signer = Ed25519.fromSeed(key(3)); SecretBytes newKey = key(4)) {
            Path dir = writeLog(signer, 5);
            AuditImport.Result r = AuditImport.rekey(dir, ID, SignatureAlgorithm.ED25519, signer.publicKey(), newKey);
            assertEquals(5, r.entries());
            assertEquals(0, r.uncheckpointed());
            AuditVerifier.Report v = AuditVerifier.of(dir, ID).macKey(newKey).trustedKey(SignatureAlgorithm.ED25519, signer.publicKey()).verify();
            assertEquals(5, v.entries());
        }
    }

    @Test
    void rejects_checkpoints_signed_by_another_key_and_changes_nothing() throws Exception {
        try (Ed25519 signer = Ed25519.fromSeed(key(3)); Ed25519 other = Ed25519.fromSeed(key(5)); SecretBytes newKey = key(4)) {
            Path dir = writeLog(signer, 3);
            byte[] before = Files.readAllBytes(dir.resolve(AuditLogs.LOG_FILE));
            MemosException e = assertThrows(MemosException.class,
                    () -> AuditImport.rekey(dir, ID, SignatureAlgorithm.ED25519, other.publicKey(), newKey));
            assertEquals(ErrorKind.INTEGRITY, e.kind());
            assertArrayEquals(before, Files.readAllBytes(dir.resolve(AuditLogs.LOG_FILE)));
        }
    }

    @Test
    void rejects_a_log_truncated_below_its_checkpoint() throws Exception {
        try (Ed25519 signer = Ed25519.fromSeed(key(3)); SecretBytes newKey = key(4)) {
            Path dir = writeLog(signer, 3);
            Path log = dir.resolve(AuditLogs.LOG_FILE);
            Files.write(log, Arrays.copyOf(Files.readAllBytes(log), "memos-audit-v1\n".length()));
            assertThrows(MemosException.class, () -> AuditImport.rekey(dir, ID, SignatureAlgorithm.ED25519, signer.publicKey(), newKey));
        }
    }

    @Test
    void no_log_is_nothing_to_do() {
        try (SecretBytes newKey = key(4); Ed25519 signer = Ed25519.fromSeed(key(3))) {
            assertEquals(0, AuditImport.rekey(home.resolve("none"), ID, SignatureAlgorithm.ED25519, signer.publicKey(), newKey).entries());
        }
    }
}
