package dev.memos.audit;

import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * An identity's audit log arriving on another device (identity import). Its chain MACs were made with
 * the exporting device's key, which never travels, so they cannot be checked here; what can be checked
 * by anyone is the Merkle tree against the checkpoints signed by the identity key. The log is accepted
 * only if that verification passes, then every record is re-MAC'd with this device's key (FORMAT.md §12.12).
 */
public final class AuditImport {
    private AuditImport() {
    }

    /** What the import found: entries re-keyed, and how many of them no signed checkpoint covered. */
    public record Result(long entries, long uncheckpointed) {
    }

    /**
     * Verifies the log in {@code dir} (checkpoints signed by {@code publicKey}, roots, order) and rewrites
     * it with chain MACs under {@code newMacKey}; drops a torn last record and the writer cache. A log
     * that does not verify is an integrity error and nothing is changed.
     */
    public static Result rekey(Path dir, String logId, SignatureAlgorithm algorithm, byte[] publicKey, SecretBytes newMacKey) {
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        if (!Files.isRegularFile(file) && !Files.exists(dir.resolve(AuditLogs.CHECKPOINTS_FILE))) {
            return new Result(0, 0);
        }
        AuditVerifier.Report report;
        try {
            report = AuditVerifier.of(dir, logId).trustedKey(algorithm, publicKey).verify();
        } catch (AuditIntegrityException e) {
            throw MemosException.integrity("the audit log of " + logId + " in the export does not verify (" + e.getMessage()
                    + "): import refused, nothing was imported");
        }
        ChainMac chain = new ChainMac(newMacKey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RecordReader.MAGIC);
        CRC32C crc = new CRC32C();
        byte[] mac = ChainMac.GENESIS;
        long n = 0;
        try (RecordReader r = RecordReader.open(file, 0)) {
            for (RecordReader.Status st = r.next(); st == RecordReader.Status.RECORD; st = r.next()) {
                byte[] entry = r.entryCopy();
                mac = chain.next(mac, entry, 0, entry.length);
                RecordReader.frame(out, entry, mac, crc);
                n++;
            }
        } catch (IOException e) {
            throw MemosException.integrity("the audit log of " + logId + " in the export cannot be read: " + e.getMessage());
        }
        if (n != report.entries()) {
            throw MemosException.integrity("the audit log of " + logId + " changed while it was imported");
        }
        try {
            AtomicFile.write(file, out.toByteArray());
            Files.deleteIfExists(dev.memos.store.MirroredFile.copyOf(dir.resolve(AuditLogs.STATE_FILE)));
            Files.deleteIfExists(dir.resolve(AuditLogs.STATE_FILE));
        } catch (IOException e) {
            throw MemosException.failure("cannot re-key the audit log of " + logId + ": " + e.getMessage(), e);
        }
        return new Result(n, report.uncheckpointed());
    }
}
