package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The writer's resume point (state.json): entry count, file end, offset and MAC of the last record,
 * and the Merkle compact range, so that opening a long log does not rescan it (checked against the
 * last record on open, ignored when it disagrees).
 *
 * <p>Version 2 also carries {@code hmac}, an HMAC under the log's chain MAC key over the rest, which
 * makes the file a witness of the log's length: a log that lost entries from its end (cut back to an
 * older record, the matching checkpoints dropped) is shorter than what the state records. Without the
 * device key the state cannot be forged, only deleted or replaced by an older genuine copy
 * (THREAT-MODEL.md). Version 1 files (no hmac) still count for their size.
 */
record LogState(long size, long end, long lastOffset, byte[] lastMac, List<byte[]> tree) {
    static final int VERSION = 2;
    /** Domain of the state HMAC: HMAC-SHA256(key, DOMAIN || canonical JSON without "hmac"), FORMAT.md §12.10. */
    static final byte[] DOMAIN = "memos-audit-state-v2\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static Optional<LogState> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode n = Json.mapper().readTree(Files.readAllBytes(file));
            List<byte[]> tree = new ArrayList<>();
            for (JsonNode h : n.get("tree")) {
                tree.add(Hex.decode(h.textValue()));
            }
            return Optional.of(new LogState(n.get("size").longValue(), n.get("end").longValue(),
                    n.get("last_offset").longValue(), Hex.decode(n.get("mac").textValue()), tree));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The state as a witness for verification: empty when there is no (readable) file; throws when a
     * version 2 file's HMAC does not verify under {@code chain} (altered, or copied from another log).
     */
    static Optional<LogState> readWitness(Path file, ChainMac chain, String logId) {
        Optional<LogState> s = read(file);
        if (s.isEmpty() || chain == null) {
            return s;
        }
        try {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(Files.readAllBytes(file));
            if (n.path("version").asInt() < VERSION) {
                return s;
            }
            byte[] claimed = Hex.decode(n.path("hmac").asText(""));
            n.remove("hmac");
            if (!dev.memos.crypto.Hash.equal(claimed, hmac(chain, n))) {
                throw new AuditIntegrityException(0, "the state of audit log '" + logId + "' (" + file.getFileName()
                        + ") fails its HMAC: it was altered or copied from another log (first bad index 0)");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            if (e instanceof AuditIntegrityException a) {
                throw a;
            }
            return Optional.empty();
        }
    }

    static byte[] hmac(ChainMac chain, ObjectNode withoutHmac) {
        byte[] body = CanonicalJson.bytes(withoutHmac);
        return chain.next(DOMAIN, body, 0, body.length);
    }

    /** Writes version 2 with its HMAC under {@code chain}. */
    void write(Path file, ChainMac chain) throws IOException {
        ObjectNode n = node();
        n.put("hmac", Hex.encode(hmac(chain, n)));
        AtomicFile.write(file, CanonicalJson.bytes(n));
    }

    ObjectNode node() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("version", VERSION);
        n.put("size", size);
        n.put("end", end);
        n.put("last_offset", lastOffset);
        n.put("mac", Hex.encode(lastMac));
        ArrayNode t = n.putArray("tree");
        tree.forEach(h -> t.add(Hex.encode(h)));
        return n;
    }
}
