package dev.memos.audit;

import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies a log folder in one streaming pass: framing and CRC, index continuity, the HMAC chain (when
 * the MAC key is given), every checkpoint's signature against the trusted key, every checkpoint's root
 * against the entries, the entry count against the newest checkpoint and anchor, and the log's length
 * and last MAC against the writer's HMAC'd state (state.json, the witness when there is no anchor). Memory is
 * O(log n + checkpoints); failures throw {@link AuditIntegrityException} naming the first bad index.
 */
public final class AuditVerifier {

    /** What a successful verification established. */
    public record Report(String logId, long entries, int checkpoints, Optional<Checkpoint> latestCheckpoint,
                         Optional<Checkpoint> anchor, boolean macChecked, boolean tornTail, byte[] root) {
        /** Entries after the newest signed checkpoint or anchor: protected by the MAC chain only. */
        public long uncheckpointed() {
            long covered = Math.max(latestCheckpoint.map(Checkpoint::size).orElse(0L), anchor.map(Checkpoint::size).orElse(0L));
            return entries - covered;
        }
    }

    private final Path dir;
    private final String logId;
    private ChainMac chain;
    private SignatureAlgorithm trustedAlgorithm;
    private byte[] trustedKey;
    private Checkpoint anchor;

    private AuditVerifier(Path dir, String logId) {
        this.dir = dir;
        this.logId = logId;
    }

    public static AuditVerifier of(Path dir, String logId) {
        return new AuditVerifier(dir, logId);
    }

    /** The chain MAC key (used at once, not kept); without it only framing, order and checkpoints are checked. */
    public AuditVerifier macKey(SecretBytes key) {
        this.chain = new ChainMac(key); // the caller may wipe its key right after this call
        return this;
    }

    /** The only key whose checkpoints count. Mandatory: a log that names its own key proves nothing. */
    public AuditVerifier trustedKey(SignatureAlgorithm algorithm, byte[] publicKey) {
        this.trustedAlgorithm = algorithm;
        this.trustedKey = publicKey.clone();
        return this;
    }

    /** A checkpoint fetched from a public anchor: the log must contain it (caught: a shorter valid log). */
    public AuditVerifier anchor(Checkpoint anchored) {
        this.anchor = anchored;
        return this;
    }

    public Report verify() {
        if (trustedKey == null) {
            throw new IllegalStateException("trustedKey is mandatory");
        }
        List<Checkpoint> checkpoints = CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
        TreeMap<Long, byte[]> roots = new TreeMap<>();
        long prevSize = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint cp = checkpoints.get(i);
            String where = "checkpoint " + (i + 1) + " (size " + cp.size() + ")";
            if (!cp.log().equals(logId)) {
                throw bad(prevSize, where + " belongs to log '" + cp.log() + "', not '" + logId + "': copied from another log");
            }
            // Sizes only: times may step back with the system clock and prove nothing about order.
            if (cp.size() < prevSize) {
                throw bad(cp.size(), where + " goes back from size " + prevSize + ": the log was rolled back and re-signed");
            }
            addRoot(roots, cp, where);
            prevSize = cp.size();
        }
        if (anchor != null) {
            if (!anchor.log().equals(logId) || !anchor.verifies(trustedAlgorithm, trustedKey)) {
                throw bad(0, "the anchored checkpoint is not signed by this log's key for log '" + logId + "'");
            }
            addRoot(roots, anchor, "the anchored checkpoint (size " + anchor.size() + ")");
        }
        Path file = dir.resolve(AuditLogs.LOG_FILE);
        if (!Files.isRegularFile(file)) {
            if (!roots.isEmpty()) {
                throw bad(0, file + " is missing but signed checkpoints cover " + roots.lastKey() + " entries: it was deleted");
            }
            throw MemosException.usage("no audit log at " + dir + ": nothing was logged there yet");
        }
        // Signatures do not depend on the entries: check them on a second core while the log streams.
        Optional<LogState> witness = LogState.readWitness(dir.resolve(AuditLogs.STATE_FILE), chain, logId);
        CompletableFuture<AuditIntegrityException> signatures = CompletableFuture.supplyAsync(() -> checkSignatures(checkpoints));
        AuditIntegrityException streamError = null;
        Report report = null;
        try {
            report = stream(file, checkpoints, roots, witness.orElse(null));
        } catch (AuditIntegrityException e) {
            streamError = e;
        } catch (IOException e) {
            signatures.cancel(true);
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
        AuditIntegrityException signatureError = signatures.join();
        if (signatureError != null && (streamError == null || signatureError.badIndex() <= streamError.badIndex())) {
            throw signatureError;
        }
        if (streamError != null) {
            throw streamError;
        }
        return report;
    }

    /** The first checkpoint not signed by the trusted key, as the error to report (null if all are good). */
    private AuditIntegrityException checkSignatures(List<Checkpoint> checkpoints) {
        long prevSize = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint cp = checkpoints.get(i);
            if (!cp.verifies(trustedAlgorithm, trustedKey)) {
                return bad(prevSize, "checkpoint " + (i + 1) + " (size " + cp.size() + ") is not signed by this log's key: forged");
            }
            prevSize = cp.size();
        }
        return null;
    }

    private Report stream(Path file, List<Checkpoint> checkpoints, TreeMap<Long, byte[]> roots, LogState witness)
            throws IOException {
        long witnessIndex = witness == null ? -1 : witness.size() - 1;
        byte[] witnessMac = null;
        byte[] prev = ChainMac.GENESIS.clone();
        byte[] next = new byte[RecordReader.MAC_LEN];
        long i = 0;
        boolean torn = false;
        AuditIntegrityException readError = null;
        MerkleChecker merkle = new MerkleChecker(roots);
        MerkleChecker.Result tree;
        try (RecordReader r = RecordReader.open(file, 0)) {
            while (readError == null) {
                RecordReader.Status st = r.next();
                if (st == RecordReader.Status.END) {
                    break;
                }
                if (st == RecordReader.Status.TORN) {
                    torn = true;
                    break;
                }
                if (st == RecordReader.Status.CORRUPT) {
                    readError = bad(i, "entry " + i + " is damaged (length or CRC wrong at byte " + r.offset() + ")");
                    break;
                }
                long idx = AuditEntry.indexOf(r.buffer(), 0);
                if (idx != i) {
                    readError = bad(i, "entry at position " + i + " carries index " + idx + ": entries were deleted, inserted or reordered");
                    break;
                }
                if (chain != null) {
                    chain.next(prev, r.buffer(), 0, r.entryLength(), next);
                    if (!Hash.equal(next, r.mac())) {
                        readError = bad(i, "entry " + i + " fails the HMAC chain: it was modified, inserted or moved");
                        break;
                    }
                    if (i == witnessIndex) {
                        witnessMac = next.clone();
                    }
                    byte[] t = prev;
                    prev = next;
                    next = t;
                }
                merkle.add(r.buffer(), r.entryLength());
                i++;
            }
        } finally {
            tree = merkle.finish();
        }
        if (tree.error() != null && (readError == null || tree.error().badIndex() <= readError.badIndex())) {
            throw tree.error();
        }
        if (readError != null) {
            throw readError;
        }
        if (tree.missingSize() > 0) {
            boolean anchored = anchor != null && anchor.size() == tree.missingSize() && anchor.size() > prevMax(checkpoints);
            throw bad(i, "the log ends after " + i + " entries but " + (anchored ? "the anchored" : "a signed")
                    + " checkpoint covers " + roots.lastKey() + ": entries were removed (truncated or replaced by a shorter log)");
        }
        if (witness != null && witness.size() > i) {
            throw bad(i, "the log ends after " + i + " entries but its state (state.json) records " + witness.size()
                    + ": entries were removed from its end (truncated)");
        }
        if (witnessMac != null && !Hash.equal(witnessMac, witness.lastMac())) {
            throw bad(witnessIndex, "entry " + witnessIndex + " is not the one the log's state (state.json) records: "
                    + "the log was replaced or rewritten from there");
        }
        Optional<Checkpoint> latest = checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
        return new Report(logId, i, checkpoints.size(), latest, Optional.ofNullable(anchor), chain != null, torn, tree.root());
    }

    private static long prevMax(List<Checkpoint> checkpoints) {
        return checkpoints.stream().mapToLong(Checkpoint::size).max().orElse(0);
    }

    private static void addRoot(TreeMap<Long, byte[]> roots, Checkpoint cp, String where) {
        if (cp.size() == 0) {
            if (!Hash.equal(cp.root(), Merkle.emptyRoot())) {
                throw bad(0, where + " claims an empty tree with a non-empty root");
            }
            return;
        }
        byte[] known = roots.putIfAbsent(cp.size(), cp.root());
        if (known != null && !Hash.equal(known, cp.root())) {
            throw bad(0, where + " disagrees with another checkpoint of the same size: the log was forked");
        }
    }

    private static AuditIntegrityException bad(long index, String message) {
        return new AuditIntegrityException(index, message + " (first bad index " + index + ")");
    }
}
