package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.AesGcm;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Hash;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.Signer;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.crypto.CopySeals;
import dev.memos.store.MirroredFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * One Ed25519 seed sealed at rest with AES-256-GCM (docs/FORMAT.md §11.6) under a key derived from
 * this home's device key and, for a tier-2 identity, also from a deterministic Ed25519 signature of
 * the identity key ({@code "seal":"identity"}): such a file opens only while the identity is unlocked
 * (its passphrase given), so a stolen home without the passphrase cannot mint tokens.
 */
final class SealedKeyFile {
    static final String KIND = "memos-token-key";
    static final String LABEL = "memos-token-key-v1";
    static final String SEAL_IDENTITY = "identity";
    static final byte[] BINDING_DOMAIN = "memos-token-key-seal-v1\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedKeyFile() {
    }

    static void write(Path file, DeviceKey device, String identity, String name, Ed25519 key) {
        write(file, device, identity, name, key, null);
    }

    /** {@code binding}: the identity key to bind the seal to (Ed25519 only), or null for the device key alone. */
    static void write(Path file, DeviceKey device, String identity, String name, Ed25519 key, Signer binding) {
        ObjectNode header = header(identity, name, key.publicKey(), binding != null);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] seed = key.seed().reveal();
        try (SecretBytes k = sealKey(device, identity, name, binding)) {
            byte[] sealed = AesGcm.seal(k, nonce, CanonicalJson.bytes(header), seed);
            ObjectNode doc = header.deepCopy();
            doc.put("nonce", Base64Url.encode(nonce));
            doc.put("sealed", Base64Url.encode(sealed));
            PrivateFiles.ensureDirectory(file.getParent());
            mirror(file, device).write(CanonicalJson.bytes(doc));
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * The key file with its verified copy (FORMAT.md §17), sealed under the device key; the check is the
     * file's structure (opening it may need the identity key, which a repair must not ask for).
     */
    private static MirroredFile mirror(Path file, DeviceKey device) {
        return MirroredFile.builder(file).lock(file.resolveSibling(".keys.lock")).seal(CopySeals.device(device))
                .check(c -> {
                    JsonNode d = Json.mapper().readTree(c);
                    if (!KIND.equals(d.path("kind").asText()) || d.path("sealed").asText().isEmpty()) {
                        throw new IOException("not a sealed token key");
                    }
                }).build();
    }

    /** Whether the key file or its verified copy exists. */
    static boolean exists(Path file) {
        return Files.exists(file) || Files.exists(MirroredFile.copyOf(file));
    }

    private static byte[] content(Path file, DeviceKey device) throws IOException {
        return mirror(file, device).read().orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString()));
    }

    /** Whether the file is sealed to the identity key (then {@link #read} needs it). */
    static boolean identitySealed(Path file, DeviceKey device) {
        try {
            return SEAL_IDENTITY.equals(Json.mapper().readTree(content(file, device)).path("seal").asText(""));
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Ed25519 read(Path file, DeviceKey device, String identity, String name) {
        return read(file, device, identity, name, null);
    }

    static Ed25519 read(Path file, DeviceKey device, String identity, String name, Signer binding) {
        byte[] seed = null;
        try {
            JsonNode doc = Json.mapper().readTree(content(file, device));
            byte[] pub = Base64Url.decode(doc.path("public").asText());
            boolean bound = SEAL_IDENTITY.equals(doc.path("seal").asText(""));
            if (bound && binding == null) {
                throw MemosException.auth(file + " is sealed to the identity key of " + identity
                        + ": unlock the identity (its passphrase) to use it");
            }
            ObjectNode header = header(identity, name, pub, bound);
            for (String f : new String[] {"v", "kind", "identity", "name", "alg", "seal"}) {
                if (!java.util.Objects.equals(header.get(f), doc.get(f))) {
                    throw MemosException.integrity(file + " does not hold the " + name + " key of " + identity
                            + ": restore it from a backup, or create a new one with 'memos token keygen --rotate'");
                }
            }
            byte[] nonce = Base64Url.decode(doc.path("nonce").asText());
            if (nonce.length != AesGcm.NONCE) {
                throw new IllegalArgumentException("nonce has " + AesGcm.NONCE + " bytes");
            }
            try (SecretBytes k = sealKey(device, identity, name, bound ? binding : null)) {
                seed = AesGcm.open(k, nonce, CanonicalJson.bytes(header), Base64Url.decode(doc.path("sealed").asText()))
                        .orElseThrow(() -> MemosException.integrity(file + " cannot be opened with this home's device key"
                                + " (copied from another home, or tampered): create a new key with 'memos token keygen --rotate'"));
            }
            Ed25519 key = Ed25519.fromSeed(SecretBytes.copyOf(seed));
            if (!Hash.equal(key.publicKey(), pub)) {
                key.close();
                throw MemosException.integrity(file + " is damaged (public key does not match): create a new key with --rotate");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw MemosException.integrity(file + " is damaged: create a new key with 'memos token keygen --rotate'");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static ObjectNode header(String identity, String name, byte[] publicKey, boolean bound) {
        ObjectNode h = Json.mapper().createObjectNode();
        h.put("v", 1);
        h.put("kind", KIND);
        h.put("identity", identity);
        h.put("name", name);
        h.put("alg", "ed25519");
        h.put("public", Base64Url.encode(publicKey));
        if (bound) {
            h.put("seal", SEAL_IDENTITY);
        }
        return h;
    }

    /**
     * Device-derived key; when bound, HKDF-SHA256(ikm = device key || SHA-256(sig), salt = LABEL, info =
     * identity "\n" name) where sig is the identity's Ed25519 signature of BINDING_DOMAIN || identity
     * "\n" name. RFC 8032 signatures are deterministic, so the same key unlocks the same file every time.
     */
    private static SecretBytes sealKey(DeviceKey device, String identity, String name, Signer binding) {
        SecretBytes base = device.derive(LABEL, identity + "\n" + name);
        if (binding == null) {
            return base;
        }
        if (binding.algorithm() != dev.memos.crypto.SignatureAlgorithm.ED25519) {
            base.close();
            throw new IllegalArgumentException("only a deterministic (Ed25519) identity key can bind a token key");
        }
        byte[] msg = (identity + "\n" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] toSign = new byte[BINDING_DOMAIN.length + msg.length];
        System.arraycopy(BINDING_DOMAIN, 0, toSign, 0, BINDING_DOMAIN.length);
        System.arraycopy(msg, 0, toSign, BINDING_DOMAIN.length, msg.length);
        byte[] sig = binding.sign(toSign);
        byte[] d = base.reveal();
        byte[] ikm = new byte[64];
        try {
            System.arraycopy(d, 0, ikm, 0, 32);
            System.arraycopy(Hash.sha256(sig), 0, ikm, 32, 32);
            return dev.memos.crypto.Hkdf.derive(ikm, LABEL.getBytes(java.nio.charset.StandardCharsets.US_ASCII), msg, 32);
        } finally {
            Arrays.fill(d, (byte) 0);
            Arrays.fill(ikm, (byte) 0);
            Arrays.fill(sig, (byte) 0);
            base.close();
        }
    }
}
