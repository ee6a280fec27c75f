package dev.memos.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.EthSigner;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.ErrorKind;
import dev.memos.error.MemosException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FORMAT.md §4.2 reader rules, frozen in {@code vectors/bundle/manifest-reject.json}: each case is a
 * sealed manifest (the text of a bundle's trailer) that a reader MUST refuse (integrity, exit 4),
 * with the fault its message must name. Built from the fixture key's sealed manifest, whose
 * signature is RFC 6979 deterministic; regenerate with -Dmemos.vectors.write=DIR.
 */
class ManifestRejectVectorTest {
    static final BigInteger N = new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    static Map<String, String[]> build() throws Exception {
        try (BundleKeys keys = BundleKeys.derive(Fixtures.key())) {
            Manifest m = new Manifest(keys.address(), 3, Fixtures.CLOCK.instant(), null, Compression.NONE, 65536, "00".repeat(32),
                    "11".repeat(32), 10, List.of(FileEntry.file("a.txt", 5, "22".repeat(32), 0644, 1), FileEntry.dir("d", 0755, 2)));
            byte[] canonical = SealedManifest.seal(m, keys, EthSigner.of(Fixtures.key())).canonicalBytes();
            Map<String, String[]> out = new LinkedHashMap<>();
            out.put("pretty-printed", new String[] {Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.mapper().readTree(canonical)), "canonical"});
            ObjectNode lower = (ObjectNode) Json.mapper().readTree(canonical);
            ((ObjectNode) lower.get("manifest")).put("address", keys.address().toLowerCase(Locale.ROOT));
            out.put("lower-case-address", new String[] {CanonicalJson.string(lower), "EIP-55"});
            ObjectNode unsorted = (ObjectNode) Json.mapper().readTree(canonical);
            ArrayNode files = (ArrayNode) unsorted.get("manifest").get("files");
            files.insert(0, files.remove(1));
            out.put("unsorted-inventory", new String[] {CanonicalJson.string(unsorted), "not sorted"});
            ObjectNode high = (ObjectNode) Json.mapper().readTree(canonical);
            byte[] sig = Hex.decode(high.get("signature").asText().substring(2));
            BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
            byte[] hs = N.subtract(s).toByteArray();
            byte[] highSig = sig.clone();
            System.arraycopy(hs, hs.length - 32, highSig, 32, 32);
            highSig[64] = (byte) (sig[64] == 27 ? 28 : 27);
            high.put("signature", "0x" + Hex.encode(highSig));
            out.put("high-s-signature", new String[] {CanonicalJson.string(high), "signature"});
            return out;
        }
    }

    @Test
    void every_frozen_reject_case_is_refused_naming_its_fault() throws Exception {
        Map<String, String[]> built = build();
        String target = System.getProperty("memos.vectors.write");
        if (target != null) {
            ObjectNode root = Json.mapper().createObjectNode();
            built.forEach((k, v) -> root.putObject(k).put("sealed", v[0]).put("error_names", v[1]));
            Files.writeString(Path.of(target).resolve("manifest-reject.json"),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        }
        JsonNode frozen;
        try (var in = getClass().getResourceAsStream("/vectors/bundle/manifest-reject.json")) {
            frozen = Json.mapper().readTree(in);
        }
        assertEquals(built.keySet(), iterate(frozen));
        for (var c : built.entrySet()) {
            assertEquals(c.getValue()[0], frozen.get(c.getKey()).get("sealed").asText(), c.getKey() + " changed");
            byte[] bytes = frozen.get(c.getKey()).get("sealed").asText().getBytes(StandardCharsets.UTF_8);
            MemosException e = assertThrows(MemosException.class, () -> SealedManifest.parse(bytes), c.getKey());
            assertEquals(ErrorKind.INTEGRITY, e.kind(), c.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(c.getValue()[1]), c.getKey() + ": " + e.getMessage());
        }
    }

    private static java.util.Set<String> iterate(JsonNode n) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
