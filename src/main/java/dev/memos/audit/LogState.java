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
 * and the Merkle compact range. Only a cache so that opening a long log does not rescan it: it is checked
 * against the last record on open and ignored when it disagrees. Never trusted by the verifier.
 */
record LogState(long size, long end, long lastOffset, byte[] lastMac, List<byte[]> tree) {

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

    void write(Path file) throws IOException {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("version", 1);
        n.put("size", size);
        n.put("end", end);
        n.put("last_offset", lastOffset);
        n.put("mac", Hex.encode(lastMac));
        ArrayNode t = n.putArray("tree");
        tree.forEach(h -> t.add(Hex.encode(h)));
        AtomicFile.write(file, CanonicalJson.bytes(n));
    }
}
