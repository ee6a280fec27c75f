package dev.memos.backup.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A manifest written by the original MemOS (FORMAT.md §16): either its local Python form or the
 * JS form it uploads, which differ only in whitespace, escaping and the arweave_* keys. The fields
 * are read as the original's decrypt reads them; {@link #signedBytes()} is what its HMAC covers.
 */
public record LegacyManifest(JsonNode json, int version, long sequence, long createdAt, String ethAddress,
                             Optional<String> ownerHash, String kdf, Optional<String> kdfSaltVersion,
                             Optional<Integer> aadVersion, Optional<String> aadSha256, Optional<String> bundleSha256,
                             Optional<Long> bundleSizeBytes, long fileCount, List<File> files,
                             Optional<String> signature) {
    /** Keys outside the HMAC: the signature itself and what the upload adds. */
    static final Set<String> UNSIGNED = Set.of("manifest_signature", "arweave_tx_id", "arweave_uploaded_at",
            "arweave_manifest_tx_id");
    public static final String KDF_CURRENT = "hkdf-sha256-direct";
    public static final String KDF_LEGACY = "eth-signature-hkdf-sha256";

    /** One inventory line. */
    public record File(String path, long size) {
    }

    public LegacyManifest {
        files = List.copyOf(files);
    }

    /**
     * True when the JSON is the original's manifest rather than a memos envelope: it names one of
     * the original's KDFs or its cipher and carries none of memos' envelope keys.
     */
    public static boolean recognises(JsonNode n) {
        if (n == null || !n.isObject() || n.has("envelope_hmac") || n.has("sealed_manifest")) {
            return false;
        }
        String kdf = n.path("kdf").asText("");
        return kdf.equals(KDF_CURRENT) || kdf.equals(KDF_LEGACY) || n.path("cipher").asText("").equals("chacha20poly1305");
    }

    /** The parsed file, or empty when it is valid JSON but not an original manifest. */
    public static Optional<LegacyManifest> read(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw MemosException.usage("cannot read the manifest " + file + ": " + e.getMessage());
        }
        JsonNode n;
        try {
            n = Json.mapper().readTree(raw);
        } catch (IOException e) {
            return Optional.empty();
        }
        return recognises(n) ? Optional.of(parse(n)) : Optional.empty();
    }

    public static LegacyManifest parse(byte[] raw) {
        try {
            JsonNode n = Json.mapper().readTree(raw);
            if (!recognises(n)) {
                throw bad("it is not an original MemOS manifest (no kdf or cipher of the original)");
            }
            return parse(n);
        } catch (IOException e) {
            throw bad("it is not JSON");
        }
    }

    static LegacyManifest parse(JsonNode n) {
        String address = text(n, "eth_address").orElseThrow(() -> bad("eth_address is missing"));
        JsonNode inv = n.path("inventory");
        if (!inv.path("file_count").canConvertToLong()) {
            throw bad("inventory.file_count is missing or not an integer");
        }
        List<File> files = new ArrayList<>();
        for (JsonNode f : inv.path("files")) {
            if (!f.path("path").isTextual() || !f.path("size").canConvertToLong() || f.get("size").longValue() < 0) {
                throw bad("an inventory entry has no text path or no non-negative integer size");
            }
            files.add(new File(f.get("path").textValue(), f.get("size").longValue()));
        }
        return new LegacyManifest(n, n.path("version").asInt(0), n.path("sequence").asLong(0), n.path("created_at").asLong(0),
                address, text(n, "owner_hash"), n.path("kdf").asText(""), text(n, "kdf_salt_version"),
                n.has("aad_version") ? Optional.of(n.get("aad_version").asInt()) : Optional.empty(), text(n, "aad_sha256"),
                text(n, "bundle_sha256"),
                n.path("bundle_size_bytes").canConvertToLong() ? Optional.of(n.get("bundle_size_bytes").longValue()) : Optional.empty(),
                inv.get("file_count").longValue(), files, text(n, "manifest_signature"));
    }

    private static Optional<String> text(JsonNode n, String key) {
        return n.path(key).isTextual() ? Optional.of(n.get(key).textValue()) : Optional.empty();
    }

    static MemosException bad(String why) {
        return MemosException.integrity("the original MemOS manifest is malformed: " + why + "; nothing was changed");
    }

    /** The bytes the HMAC covers: the Python canonical form without the four unsigned keys. */
    public byte[] signedBytes() {
        try {
            return PyJson.bytes(json, UNSIGNED);
        } catch (IllegalArgumentException e) {
            throw bad("it holds " + e.getMessage());
        }
    }

    /** Hex SHA-256 of {@link #signedBytes()}: the same for the local and the uploaded form, so the rollback index can hold it. */
    public String sha256() {
        return Hex.encode(Hash.sha256(signedBytes()));
    }

    /** The salt of the key derivation the original's decrypt picks (fact sheet §1.3). */
    public String salt() {
        return kdf.equals(KDF_LEGACY) ? LegacyKeys.LEGACY_SALT : kdfSaltVersion.orElse(LegacyKeys.LEGACY_SALT);
    }

    public long totalBytes() {
        return files.stream().mapToLong(File::size).sum();
    }

    @Override
    public String toString() {
        return "LegacyManifest[sequence=" + sequence + ", address=" + ethAddress + ", files=" + fileCount + "]";
    }
}
