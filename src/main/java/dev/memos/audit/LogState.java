package dev.memos.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.crypto.CopySeals;
import dev.memos.store.MirroredFile;
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

    /**
     * The state's bytes: with the chain key through its verified copy (FORMAT.md §17; sealed with the
     * chain MAC key, judged by the state's own HMAC), without it (a keyless verifier) the primary as it is.
     */
    static Optional<byte[]> content(Path file, ChainMac chain) {
        if (chain == null) {
            try {
                return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return mirror(file, chain).read();
    }

    private static MirroredFile mirror(Path file, ChainMac chain) {
        byte[] domain = CopySeals.domain();
        return MirroredFile.builder(file).lock(file.resolveSibling(AuditLogs.LOCK_FILE))
                .seal(d -> chain.next(domain, d, 0, d.length)).check(c -> checkHmac(c, chain)).build();
    }

    private static void checkHmac(byte[] content, ChainMac chain) throws IOException {
        ObjectNode n = (ObjectNode) Json.mapper().readTree(content);
        parse(content);
        if (n.path("version").asInt() >= VERSION) {
            byte[] claimed = Hex.decode(n.path("hmac").asText(""));
            n.remove("hmac");
            if (!dev.memos.crypto.Hash.equal(claimed, hmac(chain, n))) {
                throw new IOException("HMAC does not verify");
            }
        }
    }

    /** The primary as it is, unverified; empty when missing or unreadable. */
    static Optional<LogState> read(Path file) {
        try {
            return content(file, null).map(LogState::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static LogState parse(byte[] content) {
        try {
            JsonNode n = Json.mapper().readTree(content);
            List<byte[]> tree = new ArrayList<>();
            for (JsonNode h : n.get("tree")) {
                tree.add(Hex.decode(h.textValue()));
            }
            return new LogState(n.get("size").longValue(), n.get("end").longValue(),
                    n.get("last_offset").longValue(), Hex.decode(n.get("mac").textValue()), tree);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a state file", e);
        }
    }

    /**
     * The state as a witness for verification: empty when there is no (readable) file; throws when a
     * version 2 file's HMAC does not verify under {@code chain} (altered, or copied from another log).
     */
    static Optional<LogState> readWitness(Path file, ChainMac chain, String logId) {
        Optional<byte[]> content;
        try {
            content = content(file, chain);
        } catch (dev.memos.error.MemosException e) {
            // both the state and its copy fail: judge the primary as before (its HMAC names the problem)
            content = content(file, null);
        }
        Optional<LogState> s;
        try {
            s = content.map(LogState::parse);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (s.isEmpty() || chain == null) {
            return s;
        }
        try {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(content.get());
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
        mirror(file, chain).write(CanonicalJson.bytes(n));
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
