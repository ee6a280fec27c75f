package dev.memos.identity;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.AesGcm;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Base64Url;
import dev.memos.error.MemosException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * The {@code key} object of identity.json for tiers 1 and 2: the 32-byte Ed25519 seed sealed with
 * AES-256-GCM, AAD {@code "memos-identity-key-v1\0" || ID}, under either a device-derived key
 * (kind "device") or Argon2id(passphrase, salt) (kind "argon2id", parameters stored alongside).
 */
final class KeyWrap {
    static final String DEVICE = "device";
    static final String ARGON2ID = "argon2id";
    static final String PKCS11 = "pkcs11";
    static final String WRAP_LABEL = "identity-key-wrap";
    static final int SALT = 16;
    static final int MIN_PASSPHRASE = 8;

    private KeyWrap() {
    }

    static byte[] aad(MociId id) {
        return ("memos-identity-key-v1\u0000" + id).getBytes(StandardCharsets.US_ASCII);
    }

    /** The pre-rotated next key (FORMAT §13.6) is sealed under its own AAD, so it can never pass for the current key. */
    static byte[] nextAad(MociId id) {
        return ("memos-identity-next-key-v1\u0000" + id).getBytes(StandardCharsets.US_ASCII);
    }

    static ObjectNode wrapDevice(SecretBytes seed, DeviceKey device, MociId id, SecureRandom random) {
        return wrapDevice(seed, device, id, aad(id), random);
    }

    static ObjectNode wrapDevice(SecretBytes seed, DeviceKey device, MociId id, byte[] aad, SecureRandom random) {
        try (SecretBytes k = device.derive(WRAP_LABEL, id.toString())) {
            ObjectNode o = seal(seed, k, aad, random);
            o.put("kind", DEVICE);
            return o;
        }
    }

    static ObjectNode wrapPassphrase(SecretBytes seed, Passphrase passphrase, Argon2Params params, MociId id,
                                     SecureRandom random) {
        return wrapPassphrase(seed, passphrase, params, aad(id), random);
    }

    static ObjectNode wrapPassphrase(SecretBytes seed, Passphrase passphrase, Argon2Params params, byte[] aad,
                                     SecureRandom random) {
        byte[] salt = new byte[SALT];
        random.nextBytes(salt);
        try (SecretBytes k = params.derive(passphrase, salt)) {
            ObjectNode o = seal(seed, k, aad, random);
            o.put("kind", ARGON2ID);
            o.put("m", params.memoryKib());
            o.put("t", params.iterations());
            o.put("p", params.parallelism());
            o.put("salt", Base64Url.encode(salt));
            return o;
        }
    }

    static void requireStrong(Passphrase p) {
        if (p.length() < MIN_PASSPHRASE) {
            throw MemosException.usage("the passphrase is too short: use at least " + MIN_PASSPHRASE + " characters");
        }
    }

    private static ObjectNode seal(SecretBytes seed, SecretBytes key, byte[] aad, SecureRandom random) {
        byte[] nonce = new byte[AesGcm.NONCE];
        random.nextBytes(nonce);
        byte[] s = seed.reveal();
        try {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("nonce", Base64Url.encode(nonce));
            o.put("ciphertext", Base64Url.encode(AesGcm.seal(key, nonce, aad, s)));
            return o;
        } finally {
            java.util.Arrays.fill(s, (byte) 0);
        }
    }

    /**
     * The seed of a tier-1/2 key. A device key that does not open it is INTEGRITY (the file came from
     * elsewhere or was altered); a passphrase that does not is AUTH (wrong passphrase).
     */
    static SecretBytes unwrap(ObjectNode key, MociId id, DeviceKey device, Supplier<Passphrase> passphrase) {
        return unwrap(key, id, aad(id), device, passphrase);
    }

    static SecretBytes unwrap(ObjectNode key, MociId id, byte[] aad, DeviceKey device, Supplier<Passphrase> passphrase) {
        String kind = key.path("kind").asText("");
        byte[] nonce;
        byte[] ct;
        try {
            nonce = Base64Url.decode(IdentityRecord.text(key, "nonce"));
            ct = Base64Url.decode(IdentityRecord.text(key, "ciphertext"));
        } catch (IllegalArgumentException e) {
            throw MemosException.integrity("the key of " + id + " is malformed (" + dev.memos.encoding.ParseErrors.describe(e) + "): restore from backup");
        }
        byte[] seed;
        switch (kind) {
            case DEVICE -> {
                try (SecretBytes k = device.derive(WRAP_LABEL, id.toString())) {
                    seed = AesGcm.open(k, nonce, aad, ct).orElse(null);
                }
                if (seed == null) {
                    throw MemosException.integrity("the key of " + id + " does not open with this home's device key: "
                            + "it was copied from another home (use export/import) or altered");
                }
            }
            case ARGON2ID -> {
                Argon2Params params;
                byte[] salt;
                try {
                    params = new Argon2Params(IdentityRecord.integer(key, "m").intValue(),
                            IdentityRecord.integer(key, "t").intValue(), IdentityRecord.integer(key, "p").intValue());
                    salt = Base64Url.decode(IdentityRecord.text(key, "salt"));
                } catch (IllegalArgumentException e) {
                    throw MemosException.integrity("the key parameters of " + id + " are invalid (" + e.getMessage() + ")");
                }
                try (Passphrase p = passphrase.get(); SecretBytes k = params.derive(p, salt)) {
                    seed = AesGcm.open(k, nonce, aad, ct).orElse(null);
                }
                if (seed == null) {
                    throw MemosException.auth("wrong passphrase for " + id + ": try again (MEMOS_PASSPHRASE or the prompt)");
                }
            }
            default -> throw MemosException.integrity("the key of " + id + " has unknown kind '" + kind + "'");
        }
        if (seed.length != 32) {
            java.util.Arrays.fill(seed, (byte) 0);
            throw MemosException.integrity("the key of " + id + " has the wrong length");
        }
        return SecretBytes.adopt(seed);
    }
}
