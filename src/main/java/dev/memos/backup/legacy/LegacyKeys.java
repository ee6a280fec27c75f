package dev.memos.backup.legacy;

import dev.memos.crypto.EthPrivateKey;
import dev.memos.crypto.EthSigner;
import dev.memos.crypto.Hash;
import dev.memos.crypto.Hkdf;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Hex;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The original MemOS key derivations (FORMAT.md §16.1). Both put the LOWER-CASE address in their
 * inputs. "memos-v2" derives K from the key bytes directly; the older "relay-memory-v1" derives it
 * from an RFC 6979 personal_sign signature over a fixed challenge, whose determinism is what makes
 * the key reproducible. Callers close the returned keys.
 */
public final class LegacyKeys {
    public static final String CURRENT_SALT = "memos-v2";
    public static final String LEGACY_SALT = "relay-memory-v1";

    private LegacyKeys() {
    }

    /** K for a manifest's salt (§1.3 of the fact sheet); an unknown salt is refused by name. */
    public static SecretBytes encryptionKey(EthPrivateKey key, String salt) {
        String lower = key.address().lowercase();
        if (salt.equals(CURRENT_SALT)) {
            return Hkdf.derive(key.secret(), CURRENT_SALT, "memos:encryption:" + lower, 32);
        }
        if (salt.equals(LEGACY_SALT)) {
            byte[] sig = EthSigner.of(key).signPersonalMessage(("relay:memory:v1:" + lower).getBytes(StandardCharsets.US_ASCII));
            try {
                return Hkdf.derive(sig, LEGACY_SALT.getBytes(StandardCharsets.US_ASCII),
                        "relay-memory-encryption-key".getBytes(StandardCharsets.US_ASCII), 32);
            } finally {
                Arrays.fill(sig, (byte) 0);
            }
        }
        throw MemosException.integrity("the original MemOS manifest names an unknown kdf_salt_version \"" + salt
                + "\" (known: memos-v2, relay-memory-v1); nothing was changed");
    }

    /** The memos-v2 Owner-Hash: hex SHA-256(lower-case address ‖ HKDF(key, "memos-v2", "memos:discovery")). */
    public static String ownerHash(EthPrivateKey key) {
        String lower = key.address().lowercase();
        try (SecretBytes d = Hkdf.derive(key.secret(), CURRENT_SALT, "memos:discovery", 32)) {
            byte[] raw = d.reveal();
            try {
                return Hex.encode(Hash.sha256(lower.getBytes(StandardCharsets.US_ASCII), raw));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    /** The relay-memory-v1 Owner-Hash: hex SHA-256 of the lower-case address alone (no secret). */
    public static String legacyOwnerHash(EthPrivateKey key) {
        return Hex.encode(Hash.sha256(key.address().lowercase().getBytes(StandardCharsets.US_ASCII)));
    }

    /** Both Owner-Hash values a discovery query must ask for. */
    public static List<String> ownerHashes(EthPrivateKey key) {
        return List.of(ownerHash(key), legacyOwnerHash(key));
    }
}
