package dev.memos.backup.legacy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.ChaCha20Poly1305;
import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.Hash;
import dev.memos.crypto.HmacSha256;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.util.Arrays;

/**
 * Checks an original MemOS bundle against its manifest and decrypts it (FORMAT.md §16.4), in the
 * order the original does so the first fault named is the one it would name: bundle SHA-256 and
 * size, the key's address, the HMAC, then the AAD hash and the one-shot AEAD. The rollback check
 * sits between HMAC and AEAD in the caller, which owns the index. Nothing here writes a file.
 */
public final class LegacyOpener {
    private static final int MIN_BUNDLE = ChaCha20Poly1305.NONCE_LENGTH + ChaCha20Poly1305.TAG_LENGTH;

    private LegacyOpener() {
    }

    /** Checks everything the manifest alone can prove: the key's address and the HMAC. */
    public static void authenticate(LegacyManifest m, EthPrivateKey key) {
        if (!m.ethAddress().equalsIgnoreCase(key.address().checksummed())) {
            throw MemosException.auth("the original MemOS backup was made by " + m.ethAddress() + ", not by the key "
                    + key.address() + " in ETH_PRIVATE_KEY: set that key to restore it");
        }
        if (m.signature().isEmpty()) {
            if (m.version() >= 2) {
                throw LegacyManifest.bad("a version-" + m.version() + " manifest has no manifest_signature");
            }
            return; // the original accepts an unsigned version-1 manifest; the AEAD still authenticates the bundle
        }
        try (SecretBytes k = LegacyKeys.encryptionKey(key, m.salt())) {
            byte[] mac = HmacSha256.mac(k, m.signedBytes());
            byte[] given = hex(m.signature().get());
            if (given == null || !Hash.equal(mac, given)) {
                throw MemosException.integrity("the original MemOS manifest's manifest_signature does not verify (HMAC-SHA256"
                        + " under the " + m.salt() + " key over its Python canonical form): it was altered or made with"
                        + " another key; nothing was changed");
            }
        }
    }

    /** The decrypted tar.gz, after the bundle's hash, size, AAD hash and AEAD tag all check out. */
    public static byte[] decrypt(byte[] bundle, LegacyManifest m, EthPrivateKey key) {
        if (m.bundleSha256().isPresent()) {
            byte[] want = hex(m.bundleSha256().get());
            if (want == null || !Hash.equal(want, Hash.sha256(bundle))) {
                throw MemosException.integrity("the bundle's SHA-256 " + Hex.encode(Hash.sha256(bundle))
                        + " is not the manifest's bundle_sha256: the bundle is damaged or not this backup's; nothing was changed");
            }
        }
        if (m.bundleSizeBytes().isPresent() && m.bundleSizeBytes().get() != bundle.length) {
            throw MemosException.integrity("the bundle has " + bundle.length + " bytes, the manifest's bundle_size_bytes says "
                    + m.bundleSizeBytes().get() + "; nothing was changed");
        }
        if (bundle.length < MIN_BUNDLE) {
            throw MemosException.integrity("the bundle has only " + bundle.length + " bytes, less than a nonce and a tag ("
                    + MIN_BUNDLE + "); nothing was changed");
        }
        byte[] aad = aad(m);
        if (aad != null && m.aadSha256().isPresent()) {
            byte[] want = hex(m.aadSha256().get());
            if (want == null || !Hash.equal(want, Hash.sha256(aad))) {
                throw MemosException.integrity("the manifest's aad_sha256 does not match its eth_address, created_at and"
                        + " version (AAD verification failed); nothing was changed");
            }
        }
        try (SecretBytes k = LegacyKeys.encryptionKey(key, m.salt())) {
            byte[] nonce = Arrays.copyOf(bundle, ChaCha20Poly1305.NONCE_LENGTH);
            byte[] plain = new ChaCha20Poly1305(k).open(nonce, aad == null ? new byte[0] : aad, bundle, ChaCha20Poly1305.NONCE_LENGTH,
                    bundle.length - ChaCha20Poly1305.NONCE_LENGTH);
            if (plain == null) {
                throw MemosException.integrity("the bundle does not decrypt (ChaCha20-Poly1305 tag mismatch): it was altered,"
                        + " or its created_at or version changed; nothing was changed");
            }
            return plain;
        }
    }

    /** The AAD bytes of fact sheet §3, or null for a bundle sealed without one. */
    static byte[] aad(LegacyManifest m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("eth_address", m.ethAddress().toLowerCase(java.util.Locale.ROOT));
        if (m.version() >= 2) {
            o.put("timestamp", m.createdAt());
            o.put("version", 2);
        } else if (m.aadVersion().orElse(0) == 1) {
            o.put("version", 1);
        } else {
            return null;
        }
        return PyJson.bytes(o);
    }

    // A malformed hex field is a mismatch, named by the caller, not a crash.
    private static byte[] hex(String s) {
        if (!s.matches("[0-9a-fA-F]{64}")) {
            return null;
        }
        return Hex.decode(s);
    }
}
