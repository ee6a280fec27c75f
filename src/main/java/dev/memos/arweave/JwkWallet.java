package dev.memos.arweave;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.Hash;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.Json;
import dev.memos.error.MemosException;
import dev.memos.store.AtomicFile;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;

/**
 * An Arweave RSA wallet in JWK form (RFC 7517 RSA private key, members as unpadded base64url of
 * big-endian magnitudes). Address = b64url(SHA-256(n)). Signs with RSA-PSS, SHA-256, MGF1-SHA-256;
 * the salt length is 32 unless a caller needs arweave-js's deterministic salt 0 for a test vector.
 */
public final class JwkWallet {
    public static final String ENV = "ARWEAVE_JWK_PATH";
    public static final int SALT_LENGTH = 32;
    private static final String[] MEMBERS = {"n", "e", "d", "p", "q", "dp", "dq", "qi"};

    private final RSAPrivateCrtKey key;
    private final byte[] owner;

    private JwkWallet(RSAPrivateCrtKey key) {
        this.key = key;
        this.owner = unsigned(key.getModulus());
    }

    /** A fresh RSA-4096 wallet with e = 65537. */
    public static JwkWallet generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            return new JwkWallet((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    public static JwkWallet load(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw MemosException.usage("wallet file " + file + " does not exist: pass --wallet FILE or run 'wallet generate'");
        } catch (IOException e) {
            throw MemosException.failure("cannot read wallet " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(Json.mapper().readTree(raw));
        } catch (IOException | IllegalArgumentException e) {
            throw MemosException.usage("wallet " + file + " is not an RSA JWK (kty RSA with n, e, d, p, q, dp, dq, qi)");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static JwkWallet fromJson(JsonNode jwk) {
        if (!"RSA".equals(jwk.path("kty").asText())) {
            throw new IllegalArgumentException("kty must be RSA");
        }
        BigInteger[] v = new BigInteger[MEMBERS.length];
        for (int i = 0; i < MEMBERS.length; i++) {
            JsonNode m = jwk.get(MEMBERS[i]);
            if (m == null || !m.isTextual()) {
                throw new IllegalArgumentException("missing " + MEMBERS[i]);
            }
            v[i] = new BigInteger(1, Base64Url.decode(m.textValue()));
        }
        try {
            RSAPrivateCrtKey k = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new RSAPrivateCrtKeySpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
            return new JwkWallet(k);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid RSA key", e);
        }
    }

    /** Writes the JWK 0600 via a temporary file and rename; refuses to overwrite a wallet. */
    public void save(Path file) {
        if (Files.exists(file)) {
            throw MemosException.usage(file + " already exists: choose another path (a wallet is never overwritten)");
        }
        ObjectNode jwk = Json.mapper().createObjectNode();
        jwk.put("kty", "RSA");
        BigInteger[] v = {key.getModulus(), key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(),
                key.getPrimeQ(), key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient()};
        for (int i = 0; i < MEMBERS.length; i++) {
            jwk.put(MEMBERS[i], Base64Url.encode(unsigned(v[i])));
        }
        try {
            AtomicFile.write(file, Json.mapper().writeValueAsBytes(jwk));
        } catch (IOException e) {
            throw MemosException.failure("cannot write wallet " + file + ": " + e.getMessage(), e);
        }
    }

    /** The raw modulus n, which Arweave calls the owner. */
    public byte[] owner() {
        return owner.clone();
    }

    public String address() {
        return addressOf(owner);
    }

    public static String addressOf(byte[] owner) {
        return Base64Url.encode(Hash.sha256(owner));
    }

    public byte[] sign(byte[] message) {
        return sign(message, SALT_LENGTH);
    }

    public byte[] sign(byte[] message, int saltLength) {
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(pss(saltLength));
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-PSS signing failed", e);
        }
    }

    static PSSParameterSpec pss(int saltLength) {
        return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1);
    }

    static byte[] unsigned(BigInteger v) {
        byte[] raw = v.toByteArray();
        return raw.length > 1 && raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw;
    }

    @Override
    public String toString() {
        return "JwkWallet[" + address() + "]";
    }
}
