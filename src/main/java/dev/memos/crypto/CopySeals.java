package dev.memos.crypto;

import dev.memos.store.CopySeal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The seals of verified copies (FORMAT.md §17). A keyed seal is an HMAC, so nobody without the key can
 * write a copy that wins over the primary; the checksum only catches accidents and is used where a
 * store has no key (a pin file or replay directory a library user put outside any home).
 */
public final class CopySeals {
    /** Domain separation: a copy's tag is never a valid MAC of anything else under the same key. */
    static final byte[] DOMAIN = "memos-copy-v1\u0000".getBytes(StandardCharsets.US_ASCII);
    /** Device-key label of the home-level stores that have no key of their own. */
    public static final String LABEL = "memos-store-copy-v1";

    private CopySeals() {
    }

    /** The prefix every seal puts before the data (for a store that computes its HMAC with its own keyed instance). */
    public static byte[] domain() {
        return DOMAIN.clone();
    }

    /** HMAC-SHA256(key, "memos-copy-v1" || 0x00 || data); the key is copied, so the caller may close its own. */
    public static CopySeal keyed(SecretBytes key) {
        HmacSha256.Keyed mac = HmacSha256.keyed(key);
        return data -> {
            byte[] out = new byte[32];
            synchronized (mac) {
                mac.mac(DOMAIN, data, 0, data.length, out);
            }
            return out;
        };
    }

    /** HMAC under DK("memos-store-copy-v1", "") of the home's device key, read (or created) on first use. */
    public static CopySeal device(Path home) {
        return new CopySeal() {
            private CopySeal seal;

            @Override
            public synchronized byte[] seal(byte[] data) {
                if (seal == null) {
                    try (SecretBytes k = DeviceKey.loadOrCreate(home).derive(LABEL, "")) {
                        seal = keyed(k);
                    }
                }
                return seal.seal(data);
            }
        };
    }

    /** HMAC under DK("memos-store-copy-v1", "") of a device key already loaded. */
    public static CopySeal device(DeviceKey device) {
        try (SecretBytes k = device.derive(LABEL, "")) {
            return keyed(k);
        }
    }

    /** SHA-256("memos-copy-v1" || 0x00 || data): detects damage, not forgery. */
    public static CopySeal checksum() {
        return data -> Hash.sha256(DOMAIN, data);
    }
}
