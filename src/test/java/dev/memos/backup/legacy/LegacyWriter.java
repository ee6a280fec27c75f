package dev.memos.backup.legacy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hash;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Test-only: writes a v2 backup in the original MemOS format for any key (the frozen vectors are
 * for one key only; network tests need fresh keys). Follows the fact sheet as gen_legacy.py does.
 */
public final class LegacyWriter {
    private LegacyWriter() {
    }

    /** The bundle bytes and the manifest as the original uploads it (JS form). */
    public record Backup(byte[] bundle, byte[] manifestJson, LegacyManifest manifest) {
    }

    public static Backup v2(EthPrivateKey key, long sequence, long createdAt, Map<String, String> files) {
        try {
            ByteArrayOutputStream tgz = new ByteArrayOutputStream();
            ObjectNode m = Json.mapper().createObjectNode();
            ArrayNode inv = Json.mapper().createArrayNode();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(tgz), "UTF-8")) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
                    byte[] data = f.getValue().getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                    e.setSize(data.length);
                    e.setMode(0100644);
                    e.setModTime(new Date(createdAt * 1000));
                    tar.putArchiveEntry(e);
                    tar.write(data);
                    tar.closeArchiveEntry();
                    inv.addObject().put("path", f.getKey()).put("size", data.length);
                }
            }
            String lower = key.address().lowercase();
            byte[] aad = ("{\"eth_address\":\"" + lower + "\",\"timestamp\":" + createdAt + ",\"version\":2}").getBytes(StandardCharsets.US_ASCII);
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            byte[] bundle;
            try (SecretBytes k = LegacyKeys.encryptionKey(key, LegacyKeys.CURRENT_SALT)) {
                byte[] sealed = new ChaCha20Poly1305(k).seal(nonce, aad, tgz.toByteArray(), 0, tgz.size());
                bundle = new byte[12 + sealed.length];
                System.arraycopy(nonce, 0, bundle, 0, 12);
                System.arraycopy(sealed, 0, bundle, 12, sealed.length);
                m.put("version", 2).put("sequence", sequence).put("created_at", createdAt)
                        .put("eth_address", key.address().checksummed()).put("owner_hash", LegacyKeys.ownerHash(key))
                        .put("cipher", "chacha20poly1305").put("kdf", LegacyManifest.KDF_CURRENT).put("kdf_salt_version", "memos-v2")
                        .put("checksum_algorithm", "sha256").put("aad_sha256", Hex.encode(Hash.sha256(aad)))
                        .put("bundle_sha256", Hex.encode(Hash.sha256(bundle))).put("bundle_size_bytes", bundle.length);
                m.putObject("inventory").put("file_count", files.size()).set("files", inv);
                m.put("manifest_signature", Hex.encode(HmacSha256.mac(k, PyJson.bytes(m, LegacyManifest.UNSIGNED))));
            }
            byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
            return new Backup(bundle, json, LegacyManifest.parse(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
