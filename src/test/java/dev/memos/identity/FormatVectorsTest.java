package dev.memos.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memos.crypto.DeviceKey;
import dev.memos.crypto.Ed25519;
import dev.memos.crypto.Hkdf;
import dev.memos.crypto.Passphrase;
import dev.memos.crypto.SecretBytes;
import dev.memos.crypto.SignatureAlgorithm;
import dev.memos.crypto.Signatures;
import dev.memos.encoding.Base64Url;
import dev.memos.encoding.CanonicalJson;
import dev.memos.encoding.Hex;
import dev.memos.encoding.Json;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces src/test/resources/vectors/identity/identity-vectors.json byte for byte, and decodes
 * the same bytes with plain JDK/BouncyCastle primitives following docs/FORMAT.md, so the spec (not
 * just this code) is what the vectors pin down.
 */
class FormatVectorsTest {
    private static JsonNode v;

    @TempDir
    Path home;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = FormatVectorsTest.class.getResourceAsStream("/vectors/identity/identity-vectors.json")) {
            v = Json.mapper().readTree(in);
        }
    }

    private static byte[] hex(String field) {
        return Hex.decode(v.get(field).asText());
    }

    private static SecureRandom fixed(byte[] b) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;
            private int off;

            @Override
            public void nextBytes(byte[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b[(off++) % b.length];
                }
            }
        };
    }

    private DeviceKey device() throws Exception {
        Files.write(home.resolve("device.key"), hex("deviceKey"));
        return DeviceKey.loadOrCreate(home);
    }

    @Test
    void reproduces_tier1_identity_file() throws Exception {
        MociId id = MociId.parse(v.get("id").asText());
        byte[] seed = hex("seed");
        DeviceKey device = device();
        ObjectNode key = KeyWrap.wrapDevice(SecretBytes.copyOf(seed), device, id,
                fixed(Hex.decode(v.get("tier1").get("nonce").asText())));
        IdentityRecord r = new IdentityRecord(id, Tier.DEVICE, IdentityState.ACTIVE, hex("publicKey"), 1790000000L,
                1790000000L, 1, key, null);
        try (SecretBytes mac = device.derive(IdentityRecord.MAC_LABEL, id.toString())) {
            assertEquals(v.get("tier1").get("identityJson").asText(), new String(r.encode(mac), StandardCharsets.UTF_8));
        }
    }

    @Test
    void decodes_tier1_identity_file_with_plain_primitives() throws Exception {
        byte[] file = v.get("tier1").get("identityJson").asText().getBytes(StandardCharsets.UTF_8);
        ObjectNode o = (ObjectNode) Json.mapper().readTree(file);
        String id = o.get("id").asText();
        byte[] dk = hex("deviceKey");
        byte[] macKey = Hkdf.derive(dk, "memos-device-v1".getBytes(StandardCharsets.UTF_8),
                ("identity-file-mac\u0000" + id).getBytes(StandardCharsets.UTF_8), 32).reveal();
        byte[] mac = Base64Url.decode(o.remove("mac").asText());
        Mac h = Mac.getInstance("HmacSHA256");
        h.init(new SecretKeySpec(macKey, "HmacSHA256"));
        assertArrayEquals(mac, h.doFinal(CanonicalJson.bytes(o)));
        byte[] wrapKey = Hkdf.derive(dk, "memos-device-v1".getBytes(StandardCharsets.UTF_8),
                ("identity-key-wrap\u0000" + id).getBytes(StandardCharsets.UTF_8), 32).reveal();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(wrapKey, "AES"),
                new GCMParameterSpec(128, Base64Url.decode(o.get("key").get("nonce").asText())));
        c.updateAAD(("memos-identity-key-v1\u0000" + id).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(hex("seed"), c.doFinal(Base64Url.decode(o.get("key").get("ciphertext").asText())));
    }

    @Test
    void reproduces_tier2_key_object_and_opens_it() throws Exception {
        MociId id = MociId.parse(v.get("id").asText());
        JsonNode t2 = v.get("tier2");
        byte[] salt = Hex.decode(t2.get("salt").asText());
        byte[] nonce = Hex.decode(t2.get("nonce").asText());
        byte[] both = new byte[salt.length + nonce.length];
        System.arraycopy(salt, 0, both, 0, salt.length);
        System.arraycopy(nonce, 0, both, salt.length, nonce.length);
        ObjectNode key = KeyWrap.wrapPassphrase(SecretBytes.copyOf(hex("seed")),
                Passphrase.adopt(t2.get("passphrase").asText().toCharArray()), new Argon2Params(64, 1, 1), id, fixed(both));
        assertEquals(CanonicalJson.string(t2.get("key")), CanonicalJson.string(key));
        try (SecretBytes seed = KeyWrap.unwrap((ObjectNode) t2.get("key"), id, device(),
                () -> Passphrase.adopt(t2.get("passphrase").asText().toCharArray()))) {
            assertArrayEquals(hex("seed"), seed.reveal());
        }
    }

    @Test
    void reproduces_revocation_record_and_signature() {
        MociId id = MociId.parse(v.get("id").asText());
        byte[] rec = RevocationRecord.encode(id, SignatureAlgorithm.ED25519, hex("publicKey"), 1790000100L);
        assertEquals(v.get("revocation").get("record").asText(), new String(rec, StandardCharsets.UTF_8));
        try (Ed25519 k = Ed25519.fromSeed(SecretBytes.copyOf(hex("seed")))) {
            assertArrayEquals(Hex.decode(v.get("revocation").get("signature").asText()), k.sign(rec));
        }
        assertTrue(Signatures.verify(SignatureAlgorithm.ED25519, hex("publicKey"), rec,
                Hex.decode(v.get("revocation").get("signature").asText())));
    }

    @Test
    void reproduces_export_file_byte_for_byte() {
        JsonNode e = v.get("export");
        byte[] file = ExportFile.seal(Hex.decode(e.get("payload").asText()),
                Passphrase.adopt(e.get("passphrase").asText().toCharArray()),
                new Argon2Params(e.get("m").asInt(), e.get("t").asInt(), e.get("p").asInt()),
                Hex.decode(e.get("salt").asText()), Hex.decode(e.get("nonce").asText()));
        assertEquals(e.get("file").asText(), Hex.encode(file));
    }

    @Test
    void decodes_export_file_with_plain_primitives() throws Exception {
        JsonNode e = v.get("export");
        byte[] file = Hex.decode(e.get("file").asText());
        ByteBuffer b = ByteBuffer.wrap(file);
        byte[] magic = new byte[8];
        b.get(magic);
        assertEquals("MOCIEXP\u0000", new String(magic, StandardCharsets.US_ASCII));
        assertEquals(1, b.get());
        assertEquals(1, b.get());
        int m = b.getInt();
        int t = b.getInt();
        int p = b.get();
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        byte[] check = new byte[16];
        b.get(salt).get(nonce).get(check);
        assertEquals(63, b.position());
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13).withMemoryAsKB(m)
                .withIterations(t).withParallelism(p).withSalt(salt).build());
        byte[] master = new byte[32];
        g.generateBytes(e.get("passphrase").asText().getBytes(StandardCharsets.UTF_8), master);
        byte[] hsalt = "memos-export-v1".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(check, Hkdf.derive(master, hsalt, "check".getBytes(StandardCharsets.UTF_8), 16).reveal());
        byte[] enc = Hkdf.derive(master, hsalt, "encrypt".getBytes(StandardCharsets.UTF_8), 32).reveal();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(enc, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD(Arrays.copyOf(file, 63));
        byte[] payload = c.doFinal(file, 63, file.length - 63);
        assertEquals(e.get("payload").asText(), Hex.encode(payload));

        ExportPayload decoded = ExportPayload.decode(payload);
        assertEquals(v.get("id").asText(), decoded.meta().get("id").asText());
        assertEquals("seed", decoded.meta().get("key").get("kind").asText());
        assertArrayEquals(hex("seed"), decoded.secret().reveal());
        Map<String, String> files = new TreeMap<>();
        decoded.files().forEach((k, val) -> files.put(k, new String(val, StandardCharsets.UTF_8)));
        assertEquals(Map.of("rings/3/chain.json", "{\"genesis\":true}"), files);
    }

    @Test
    void imports_the_vector_export_into_a_fresh_home() throws Exception {
        JsonNode e = v.get("export");
        Path f = home.resolve("moci-export-00000000.enc");
        Files.write(f, Hex.decode(e.get("file").asText()));
        IdentityInfo i = TestStores.store(home.resolve("h")).importFrom(f, false, TestStores.SECRETS);
        assertEquals(v.get("id").asText(), i.id().toString());
        assertArrayEquals(hex("publicKey"), i.publicKey());
    }
}
