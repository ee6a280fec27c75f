package dev.memos.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.SecretBytes;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import dev.memos.store.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Ed25519 seed sealed at rest with AES-256-GCM under a key derived from this home's device key
 * (docs/FORMAT.md §11.6). Interim protection until the identity tiers (passphrase, HSM) can wrap
 * token keys: it stops a copied file from working elsewhere, not an attacker who owns the home.
 */
final class SealedKeyFile {
    static final String KIND = "memos-token-key";
    static final String LABEL = "memos-token-key-v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedKeyFile() {
    }

    static void write(Path file, DeviceKey device, String identity, String name, Ed25519 key) {
        ObjectNode header = header(identity, name, key.publicKey());
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] seed = key.seed().reveal();
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, device, identity, name, nonce, CanonicalJson.bytes(header)).doFinal(seed);
            ObjectNode doc = header.deepCopy();
            doc.put("nonce", Base64Url.encode(nonce));
            doc.put("sealed", Base64Url.encode(sealed));
            PrivateFiles.ensureDirectory(file.getParent());
            AtomicFile.write(file, CanonicalJson.bytes(doc));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        } catch (IOException e) {
            throw MemosException.failure("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    static Ed25519 read(Path file, DeviceKey device, String identity, String name) {
        byte[] seed = null;
        try {
            JsonNode doc = Json.mapper().readTree(Files.readAllBytes(file));
            byte[] pub = Base64Url.decode(doc.path("public").asText());
            ObjectNode header = header(identity, name, pub);
            for (String f : new String[] {"v", "kind", "identity", "name", "alg"}) {
                if (!header.get(f).equals(doc.get(f))) {
                    throw MemosException.integrity(file + " does not hold the " + name + " key of " + identity
                            + ": restore it from a backup, or create a new one with 'memos token keygen --rotate'");
                }
            }
            byte[] nonce = Base64Url.decode(doc.path("nonce").asText());
            seed = cipher(Cipher.DECRYPT_MODE, device, identity, name, nonce, CanonicalJson.bytes(header))
                    .doFinal(Base64Url.decode(doc.path("sealed").asText()));
            Ed25519 key = Ed25519.fromSeed(SecretBytes.copyOf(seed));
            if (!MessageDigest.isEqual(key.publicKey(), pub)) {
                key.close();
                throw MemosException.integrity(file + " is damaged (public key does not match): create a new key with --rotate");
            }
            return key;
        } catch (javax.crypto.AEADBadTagException e) {
            throw MemosException.integrity(file + " cannot be opened with this home's device key (copied from another home,"
                    + " or tampered): create a new key with 'memos token keygen --rotate'");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw MemosException.integrity(file + " is damaged: create a new key with 'memos token keygen --rotate'");
        } catch (IOException e) {
            throw MemosException.failure("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private static ObjectNode header(String identity, String name, byte[] publicKey) {
        ObjectNode h = Json.mapper().createObjectNode();
        h.put("v", 1);
        h.put("kind", KIND);
        h.put("identity", identity);
        h.put("name", name);
        h.put("alg", "ed25519");
        h.put("public", Base64Url.encode(publicKey));
        return h;
    }

    private static Cipher cipher(int mode, DeviceKey device, String identity, String name, byte[] nonce, byte[] aad)
            throws GeneralSecurityException {
        if (nonce.length != 12) {
            throw new IllegalArgumentException("nonce has 12 bytes");
        }
        try (SecretBytes k = device.derive(LABEL, identity + "\n" + name)) {
            byte[] raw = k.reveal();
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, new SecretKeySpec(raw, "AES"), new GCMParameterSpec(128, nonce));
                c.updateAAD(aad);
                return c;
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
