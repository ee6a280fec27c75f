package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inclusion and consistency proofs against signed checkpoints (FORMAT.md §12.6). Making a proof reads
 * the log; checking one ({@link #verify}) needs only the proof and the log's public key.
 */
public final class AuditProofs {
    public static final String FORMAT_ID = "memos-audit-proof-v1";

    private AuditProofs() {
    }

    /** What a checked proof established, for display. */
    public record Verified(String type, String log, long index, long fromSize, long toSize, Optional<AuditEntry> entry) {
    }

    /** Proof that entry {@code index} is in the tree of the newest checkpoint covering it. */
    public static ObjectNode inclusion(Path dir, String logId, long index) {
        List<Checkpoint> cps = CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
        Checkpoint cp = cps.stream().filter(c -> c.size() > index).reduce((a, b) -> b).orElseThrow(() -> MemosException.usage(
                "entry " + index + " is not covered by a signed checkpoint yet" + newest(cps) + ": checkpoint the log first"));
        Leaves leaves = Leaves.read(dir, cp.size(), index);
        ObjectNode n = header("inclusion", logId);
        n.put("index", index);
        n.put("entry", Base64Url.encode(leaves.entry));
        n.set("checkpoint", cp.toJson());
        n.set("path", hexArray(Merkle.inclusionProof(leaves.hashes, index, cp.size())));
        return n;
    }

    /** Proof that the tree of {@code from} entries is a prefix of the checkpoint of size {@code to} (newest if null). */
    public static ObjectNode consistency(Path dir, String logId, long from, Long to) {
        List<Checkpoint> cps = CheckpointFile.readAll(dir.resolve(AuditLogs.CHECKPOINTS_FILE));
        Checkpoint newer = (to == null ? cps.stream().reduce((a, b) -> b) : cps.stream().filter(c -> c.size() == to).reduce((a, b) -> b))
                .orElseThrow(() -> MemosException.usage(to == null ? "the log has no signed checkpoint yet"
                        : "no signed checkpoint of size " + to + newest(cps) + ": use a checkpoint size for --to"));
        if (from < 0 || from > newer.size()) {
            throw MemosException.usage("--from must be between 0 and " + newer.size() + ", got " + from);
        }
        Leaves leaves = Leaves.read(dir, newer.size(), -1);
        ObjectNode n = header("consistency", logId);
        ObjectNode old = n.putObject("from");
        old.put("size", from);
        old.put("root", Hex.encode(Merkle.root(leaves.hashes, (int) from)));
        cps.stream().filter(c -> c.size() == from).reduce((a, b) -> b).ifPresent(c -> old.set("checkpoint", c.toJson()));
        n.set("to", newer.toJson());
        n.set("path", hexArray(Merkle.consistencyProof(leaves.hashes, from, newer.size())));
        return n;
    }

    /** Checks a proof with nothing but the public key; throws {@link AuditIntegrityException} if it fails. */
    public static Verified verify(byte[] proofJson, SignatureAlgorithm algorithm, byte[] publicKey) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(proofJson);
        } catch (IOException e) {
            throw MemosException.usage("not a proof file: it is not JSON");
        }
        if (n == null || !FORMAT_ID.equals(n.path("format").asText())) {
            throw MemosException.usage("not a memos audit proof (format is not " + FORMAT_ID + ")");
        }
        String type = n.path("type").asText();
        String log = n.path("log").asText();
        try {
            List<byte[]> path = hashes(n.get("path"));
            if (type.equals("inclusion")) {
                Checkpoint cp = signed(n.get("checkpoint"), log, algorithm, publicKey);
                long index = n.get("index").longValue();
                byte[] entry = Base64Url.decode(n.get("entry").textValue());
                AuditEntry decoded = AuditEntry.decode(entry);
                if (decoded.index() != index || !Merkle.verifyInclusion(Merkle.leafHash(entry), index, cp.size(), path, cp.root())) {
                    throw new AuditIntegrityException(index, "inclusion proof for entry " + index + " does not match the signed root of size " + cp.size());
                }
                return new Verified(type, log, index, 0, cp.size(), Optional.of(decoded));
            }
            if (type.equals("consistency")) {
                Checkpoint newer = signed(n.get("to"), log, algorithm, publicKey);
                JsonNode from = n.get("from");
                long size = from.get("size").longValue();
                byte[] root = Hex.decode(from.get("root").textValue());
                if (from.has("checkpoint")) {
                    Checkpoint older = signed(from.get("checkpoint"), log, algorithm, publicKey);
                    if (older.size() != size || !java.util.Arrays.equals(older.root(), root)) {
                        throw new AuditIntegrityException(size, "the old checkpoint does not match the old tree in the proof");
                    }
                }
                if (!Merkle.verifyConsistency(size, root, newer.size(), newer.root(), path)) {
                    throw new AuditIntegrityException(size, "consistency proof from size " + size + " to " + newer.size()
                            + " fails: the log was rewritten between them");
                }
                return new Verified(type, log, -1, size, newer.size(), Optional.empty());
            }
        } catch (NullPointerException | IllegalArgumentException e) {
            throw MemosException.usage("malformed proof file: a field is missing or has the wrong type");
        }
        throw MemosException.usage("unknown proof type '" + type + "' (inclusion or consistency)");
    }

    private static Checkpoint signed(JsonNode json, String log, SignatureAlgorithm algorithm, byte[] publicKey) {
        Checkpoint cp = Checkpoint.fromJson(json);
        if (!cp.log().equals(log) || !cp.verifies(algorithm, publicKey)) {
            throw new AuditIntegrityException(cp.size(), "the proof's checkpoint of size " + cp.size()
                    + " is not signed by the given key for log '" + log + "'");
        }
        return cp;
    }

    public static byte[] toBytes(ObjectNode proof) {
        return CanonicalJson.bytes(proof);
    }

    private static ObjectNode header(String type, String logId) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("format", FORMAT_ID);
        n.put("type", type);
        n.put("log", logId);
        return n;
    }

    private static ArrayNode hexArray(List<byte[]> hashes) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        hashes.forEach(h -> a.add(Hex.encode(h)));
        return a;
    }

    private static List<byte[]> hashes(JsonNode array) {
        if (array == null || !array.isArray() || array.size() > 64) {
            throw new IllegalArgumentException("path must be an array of at most 64 hashes");
        }
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : array) {
            byte[] b = Hex.decode(h.textValue());
            if (b.length != Merkle.HASH_LEN) {
                throw new IllegalArgumentException("path hash of wrong length");
            }
            out.add(b);
        }
        return out;
    }

    private static String newest(List<Checkpoint> cps) {
        return cps.isEmpty() ? " (no checkpoints)" : " (newest checkpoint: size " + cps.get(cps.size() - 1).size() + ")";
    }

    /** Leaf hashes of the first {@code size} entries, plus the bytes of one entry. */
    private record Leaves(List<byte[]> hashes, byte[] entry) {
        static Leaves read(Path dir, long size, long wanted) {
            List<byte[]> hashes = new ArrayList<>();
            byte[][] entry = new byte[1][];
            AuditReader.forEach(dir, (e, encoded, mac) -> {
                if (hashes.size() < size) {
                    hashes.add(Merkle.leafHash(encoded));
                    if (e.index() == wanted) {
                        entry[0] = encoded;
                    }
                }
            });
            if (hashes.size() < size) {
                throw new AuditIntegrityException(hashes.size(), "the log has " + hashes.size() + " entries but its checkpoint covers "
                        + size + ": run 'memos audit verify'");
            }
            return new Leaves(hashes, entry[0]);
        }
    }
}
